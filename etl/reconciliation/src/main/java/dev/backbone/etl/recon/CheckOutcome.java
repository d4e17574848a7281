package dev.backbone.etl.recon;

import java.time.Duration;
import java.util.List;

/**
 * What one check of a run found, summed over its units (those of a resumed run's earlier attempts included).
 *
 * @param check             the check
 * @param entriesChecked    index: entries the shard rows imply; log: shard rows in scope; ledger: entities the ledger names
 * @param segmentsDiffering segments whose checksums differed before the drill-down (0 for the ledger check)
 * @param discrepancies     what differed after the re-check
 * @param duration          how long the check took (its units' durations added up)
 */
public record CheckOutcome(Check check, long entriesChecked, int segmentsDiffering, List<Discrepancy> discrepancies, Duration duration) {

    public CheckOutcome {
        discrepancies = List.copyOf(discrepancies);
    }

    /** Sums the units of {@code check}, in the order given. */
    static CheckOutcome of(Check check, List<UnitOutcome> units) {
        List<UnitOutcome> mine = units.stream().filter(u -> u.unit().check() == check).toList();
        return new CheckOutcome(check, mine.stream().mapToLong(UnitOutcome::entriesChecked).sum(),
                mine.stream().mapToInt(UnitOutcome::segmentsDiffering).sum(),
                mine.stream().flatMap(u -> u.discrepancies().stream()).toList(),
                mine.stream().map(UnitOutcome::duration).reduce(Duration.ZERO, Duration::plus));
    }

    public long unrepaired() {
        return discrepancies.stream().filter(d -> !d.repaired()).count();
    }
}
