package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowComparisonTest {

    private static final RowVersion V3 = new RowVersion(3, false);

    @Test
    void shouldFindNothingWhenTheRowHoldsTheLogsLatestState() {
        assertThat(RowComparison.classify(V3, new RowVersion(3, false), true)).isEmpty();
        assertThat(RowComparison.classify(null, null, true)).isEmpty();
    }

    @Test
    void shouldReportAMissingOrOlderRowAsRepairable() {
        assertThat(RowComparison.classify(V3, null, true)).contains(Discrepancy.Kind.ROW_MISSING);
        assertThat(RowComparison.classify(V3, new RowVersion(2, false), true)).contains(Discrepancy.Kind.ROW_BEHIND);
        assertThat(RowComparison.classify(new RowVersion(4, true), V3, false)).contains(Discrepancy.Kind.ROW_BEHIND);
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_MISSING)).isTrue();
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_BEHIND)).isTrue();
    }

    @Test
    void shouldReportARowAheadOfTheLogButNeverRollItBack() {
        assertThat(RowComparison.classify(V3, new RowVersion(5, false), true)).contains(Discrepancy.Kind.ROW_AHEAD);
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_AHEAD)).isFalse();
    }

    @Test
    void shouldReportADeletionTheLogDoesNotHoldAtTheSameVersion() {
        assertThat(RowComparison.classify(V3, new RowVersion(3, true), true)).contains(Discrepancy.Kind.ROW_DIFFERS);
        assertThat(RowComparison.repairable(Discrepancy.Kind.ROW_DIFFERS)).isFalse();
    }

    @Test
    void shouldReportARowNoChangeExplainsOnlyWhileTheLogIsComplete() {
        assertThat(RowComparison.classify(null, V3, true)).contains(Discrepancy.Kind.ROW_AHEAD);
        assertThat(RowComparison.classify(null, V3, false)).isEqualTo(Optional.empty());
    }
}
