package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.loadgen.OrderStatus;
import dev.backbone.loadgen.PaymentStatus;
import dev.backbone.loadgen.ledger.ExpectedState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerOutcomeTest {

    private static final ExpectedState.Customer DELETED_AT_4 = new ExpectedState.Customer("c1", 4, "a@example.test", true);
    private static final ExpectedState.Order PAID_AT_2 = new ExpectedState.Order("o1", "c1", 2, OrderStatus.PAID);
    private static final ExpectedState.Payment REFUNDED_AT_2 = new ExpectedState.Payment("p1", "c1", 2, PaymentStatus.REFUNDED);

    @Test
    void shouldMatchOnlyTheExactVersionAndState() {
        assertThat(LedgerOutcome.customer(DELETED_AT_4, new ProjectedRows.Row(4, true, "DELETED"))).isEqualTo(LedgerOutcome.MATCHED);
        assertThat(LedgerOutcome.order(PAID_AT_2, new ProjectedRows.Row(2, false, "PAID"))).isEqualTo(LedgerOutcome.MATCHED);
        assertThat(LedgerOutcome.order(PAID_AT_2, new ProjectedRows.Row(2, false, "PLACED"))).isEqualTo(LedgerOutcome.AHEAD);
    }

    @Test
    void shouldCallAnAbsentOrOlderRowLost() {
        assertThat(LedgerOutcome.customer(DELETED_AT_4, null)).isEqualTo(LedgerOutcome.MISSING);
        assertThat(LedgerOutcome.customer(DELETED_AT_4, new ProjectedRows.Row(3, false, "ACTIVE"))).isEqualTo(LedgerOutcome.BEHIND);
        assertThat(LedgerOutcome.order(PAID_AT_2, new ProjectedRows.Row(1, false, "PLACED"))).isEqualTo(LedgerOutcome.BEHIND);
    }

    @Test
    void shouldJudgeAPaymentRowByVersionAndStatusLikeAnOrders() {
        assertThat(LedgerOutcome.payment(REFUNDED_AT_2, new ProjectedRows.Row(2, false, "REFUNDED"))).isEqualTo(LedgerOutcome.MATCHED);
        assertThat(LedgerOutcome.payment(REFUNDED_AT_2, new ProjectedRows.Row(1, false, "CAPTURED"))).isEqualTo(LedgerOutcome.BEHIND);
        assertThat(LedgerOutcome.payment(REFUNDED_AT_2, null)).isEqualTo(LedgerOutcome.MISSING);
        assertThat(LedgerOutcome.payment(REFUNDED_AT_2, new ProjectedRows.Row(2, false, "CAPTURED"))).isEqualTo(LedgerOutcome.AHEAD);
    }

    @Test
    void shouldSendOnlyMissingAndBehindRowsOfEveryKindOnToTheStoredState() {
        ExpectedState.Payment capturedAt1 = new ExpectedState.Payment("p2", "c1", 1, PaymentStatus.CAPTURED);
        ExpectedState ledgered = new ExpectedState(Map.of("c1", DELETED_AT_4), Map.of("o1", PAID_AT_2),
                Map.of("p1", REFUNDED_AT_2, "p2", capturedAt1), 9);
        ProjectedRows.Found found = new ProjectedRows.Found(Map.of("c1", new ProjectedRows.Row(4, true, "DELETED")),
                Map.of("o1", new ProjectedRows.Row(1, false, "PLACED")), Map.of("p2", new ProjectedRows.Row(1, false, "CAPTURED")));

        ExpectedState lost = LedgerCheck.behindOrMissing(ledgered, found);

        assertThat(lost.customers()).isEmpty();
        assertThat(lost.orders()).containsOnlyKeys("o1");
        assertThat(lost.payments()).containsOnlyKeys("p1");
    }

    @Test
    void shouldCallANewerRowAnEffectNobodyAcknowledged() {
        assertThat(LedgerOutcome.customer(DELETED_AT_4, new ProjectedRows.Row(5, true, "DELETED"))).isEqualTo(LedgerOutcome.AHEAD);
    }
}
