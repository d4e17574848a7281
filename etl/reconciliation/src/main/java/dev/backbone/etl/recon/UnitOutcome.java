package dev.backbone.etl.recon;

import java.time.Duration;
import java.util.List;

/**
 * What one unit of a run found, as recorded in {@code recon_progress} (and its discrepancies in
 * {@code recon_discrepancy}).
 *
 * @param unit              the unit
 * @param entriesChecked    index: entries the shard rows imply for the family; log: shard rows in scope
 *                          in the pass's segments; ledger: entities the ledger names
 * @param segmentsDiffering segments whose checksums differed before the drill-down
 * @param discrepancies     what differed after the re-check
 * @param duration          from the end of the check's previous unit (or the check's start) to this
 *                          unit's end, so a check's units add up to its time
 */
public record UnitOutcome(ReconUnit unit, long entriesChecked, int segmentsDiffering, List<Discrepancy> discrepancies,
                          Duration duration) {

    public UnitOutcome {
        discrepancies = List.copyOf(discrepancies);
    }

    public long unrepaired() {
        return discrepancies.stream().filter(d -> !d.repaired()).count();
    }
}
