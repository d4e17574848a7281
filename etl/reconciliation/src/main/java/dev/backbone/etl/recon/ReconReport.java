package dev.backbone.etl.recon;

import java.time.Duration;
import java.util.List;

/**
 * A reconciliation run's outcome.
 *
 * @param runId             the warehouse recon_run id
 * @param entriesChecked    entries compared, summed over the checks (see {@link CheckOutcome#entriesChecked()})
 * @param segmentsDiffering segments whose checksums differed before the drill-down, summed over the checks
 * @param discrepancies     every check's discrepancies, in check order
 * @param checks            each check's own outcome, in the order they ran
 */
public record ReconReport(long runId, boolean repair, long entriesChecked, int segmentsDiffering,
                          List<Discrepancy> discrepancies, Duration duration, List<CheckOutcome> checks) {

    public ReconReport {
        discrepancies = List.copyOf(discrepancies);
        checks = List.copyOf(checks);
    }

    /** Sums the checks' outcomes. */
    static ReconReport of(long runId, boolean repair, List<CheckOutcome> checks, Duration duration) {
        return new ReconReport(runId, repair, checks.stream().mapToLong(CheckOutcome::entriesChecked).sum(),
                checks.stream().mapToInt(CheckOutcome::segmentsDiffering).sum(),
                checks.stream().flatMap(c -> c.discrepancies().stream()).toList(), duration, checks);
    }

    public long unrepaired() {
        return discrepancies.stream().filter(d -> !d.repaired()).count();
    }
}
