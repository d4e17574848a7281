package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowComparisonTest {

    private static final RowVersion V3 = new RowVersion(3, false);

    @Test
    void shouldFindNothingWhenTheRowHoldsTheStoredState() {
        assertThat(RowComparison.classify(V3, new RowVersion(3, false))).isEmpty();
        assertThat(RowComparison.classify(new RowVersion(3, true), new RowVersion(3, true))).isEmpty();
        assertThat(RowComparison.classify(null, null)).isEmpty();
    }

    @Test
    void shouldReportAMissingOrOlderRowAsRepairable() {
        assertThat(RowComparison.classify(V3, null)).contains(Discrepancy.Kind.ROW_MISSING);
        assertThat(RowComparison.classify(V3, new RowVersion(2, false))).contains(Discrepancy.Kind.ROW_BEHIND);
        assertThat(RowComparison.classify(new RowVersion(4, true), V3)).contains(Discrepancy.Kind.ROW_BEHIND);
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_MISSING)).isTrue();
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_BEHIND)).isTrue();
    }

    @Test
    void shouldReportARowAheadOfTheStoredStateButNeverRollItBack() {
        assertThat(RowComparison.classify(V3, new RowVersion(5, false))).contains(Discrepancy.Kind.ROW_AHEAD);
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_AHEAD)).isFalse();
    }

    @Test
    void shouldReportADeletionTheStoredStateDoesNotHoldAtTheSameVersion() {
        assertThat(RowComparison.classify(V3, new RowVersion(3, true))).contains(Discrepancy.Kind.ROW_DIFFERS);
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_DIFFERS)).isFalse();
    }

    @Test
    void shouldReportARowNoStoredStateExplainsHoweverOldItIsAndNeverDeleteIt() {
        assertThat(RowComparison.classify(null, V3)).contains(Discrepancy.Kind.ROW_UNEXPLAINED);
        assertThat(RowComparison.classify(null, new RowVersion(1, true))).contains(Discrepancy.Kind.ROW_UNEXPLAINED);
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_UNEXPLAINED)).isFalse();
    }
}
