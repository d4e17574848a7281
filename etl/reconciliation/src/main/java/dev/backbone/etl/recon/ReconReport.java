package dev.backbone.etl.recon;

import java.time.Duration;
import java.util.List;

/**
 * A reconciliation run's outcome.
 *
 * @param runId            the warehouse recon_run id
 * @param entriesChecked   index entries compared (shard side)
 * @param segmentsDiffering segments whose checksums differed before the drill-down
 */
public record ReconReport(long runId, boolean repair, long entriesChecked, int segmentsDiffering,
                          List<Discrepancy> discrepancies, Duration duration) {

    public ReconReport {
        discrepancies = List.copyOf(discrepancies);
    }

    public long unrepaired() {
        return discrepancies.stream().filter(d -> !d.repaired()).count();
    }
}
