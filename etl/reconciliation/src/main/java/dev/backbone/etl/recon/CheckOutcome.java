package dev.backbone.etl.recon;

import java.time.Duration;
import java.util.List;

/**
 * What one check of a run found.
 *
 * @param check             the check
 * @param entriesChecked    index: entries the shard rows imply; log: shard rows in scope; ledger: entities the ledger names
 * @param segmentsDiffering segments whose checksums differed before the drill-down (0 for the ledger check)
 * @param discrepancies     what differed after the re-check
 * @param duration          how long the check took
 */
public record CheckOutcome(Check check, long entriesChecked, int segmentsDiffering, List<Discrepancy> discrepancies, Duration duration) {

    public CheckOutcome {
        discrepancies = List.copyOf(discrepancies);
    }

    public long unrepaired() {
        return discrepancies.stream().filter(d -> !d.repaired()).count();
    }
}
