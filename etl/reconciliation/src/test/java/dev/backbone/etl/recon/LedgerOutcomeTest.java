package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.loadgen.OrderStatus;
import dev.backbone.loadgen.ledger.ExpectedState;
import org.junit.jupiter.api.Test;

class LedgerOutcomeTest {

    private static final ExpectedState.Customer DELETED_AT_4 = new ExpectedState.Customer("c1", 4, "a@example.test", true);
    private static final ExpectedState.Order PAID_AT_2 = new ExpectedState.Order("o1", "c1", 2, OrderStatus.PAID);

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
    void shouldCallANewerRowAnEffectNobodyAcknowledged() {
        assertThat(LedgerOutcome.customer(DELETED_AT_4, new ProjectedRows.Row(5, true, "DELETED"))).isEqualTo(LedgerOutcome.AHEAD);
    }
}
