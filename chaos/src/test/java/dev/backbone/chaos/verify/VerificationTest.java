package dev.backbone.chaos.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private static ProjectionCheck.Progress projection(long customersMatched, long ordersMatched, long behind, long ahead, long unexplained) {
        return new ProjectionCheck.Progress(customersMatched, 10, ordersMatched, 20, 5, 5, behind, ahead, unexplained, List.of());
    }

    @Test
    void shouldPassWhenEveryLedgeredEntityIsThereAndNothingElse() {
        Verification clean = new Verification(500, projection(10, 20, 0, 0, 0), 3, 0, 0, 100, 0, List.of());

        assertThat(clean.failures()).isEmpty();
        assertThat(clean.passed()).isTrue();
    }

    @Test
    void shouldNameLostEventsDuplicatedEffectsDriftAndWrongAnswers() {
        Verification broken = new Verification(500, projection(9, 20, 1, 2, 1), 5, 2, 4, 100, 0, List.of("base: boom"));

        assertThat(broken.lost()).isEqualTo(1);
        assertThat(broken.failures()).containsExactly(
                "1 ledgered entities not at their ledgered version in their shard (lost acknowledged events)",
                "3 shard rows no ledgered event explains (duplicated effects), more than the 0 publishes left unconfirmed",
                "2 index discrepancies left after repair",
                "4 wrong query answers",
                "workload failed: base: boom");
    }

    @Test
    void shouldExcuseRowsAheadOfTheLedgerOnlyUpToThePublishesLeftUnconfirmed() {
        assertThat(new Verification(500, projection(10, 19, 0, 1, 0), 0, 0, 0, 100, 1, List.of()).failures())
                .containsExactly("projection incomplete: customers 10/10, orders 19/20, payments 5/5");
        assertThat(new Verification(500, projection(10, 20, 0, 2, 0), 0, 0, 0, 100, 1, List.of()).failures()).hasSize(1);
    }

    @Test
    void shouldFailAWorkloadThatAcknowledgedNothing() {
        assertThat(new Verification(0, projection(10, 20, 0, 0, 0), 0, 0, 0, 100, 0, List.of()).failures())
                .containsExactly("no acknowledged events: the workload did not run");
    }
}
