package dev.backbone.etl.recon;

import dev.backbone.etl.recon.LogDerivedState.LatestState;
import dev.backbone.etl.recon.ShardRowSource.ShardRow;
import dev.backbone.sharding.ShardRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Check 2: every shard row holds the latest state the fold stored for its entity — same version, same
 * deletion — as the state stores' changelog topics hold it ({@link LogDerivedState}). The data-diff
 * way, like the index check: PostgreSQL reduces each shard's rows to the XOR checksums of 65,536 key
 * segments (in parallel, once); the changelogs are read in passes, each keeping only the entities of
 * one slice of the segments, so neither side needs memory for all entities. Only differing segments
 * are drilled into, and every candidate is re-read on both sides (the shard row, then the
 * changelogs' tail) before it is reported. A missing or older row is repaired by re-applying the
 * stored state through the sink's writer; a row ahead of the stored state, or one no stored state
 * explains, is reported, never rolled back or deleted.
 */
final class ChangeLogCheck {

    private final LogDerivedState log;
    private final ShardRowSource shards;
    private final LogRepairer repairer;
    private final ReconOptions options;
    private final ShardRouter router;
    private final Consumer<String> progress;

    /** @param repairer null for a dry run */
    ChangeLogCheck(LogDerivedState log, ShardRowSource shards, LogRepairer repairer, ReconOptions options, int shardCount,
                   Consumer<String> progress) {
        this.log = log;
        this.shards = shards;
        this.repairer = repairer;
        this.options = options;
        this.router = new ShardRouter(shardCount);
        this.progress = progress;
    }

    /**
     * Compares each pass {@code units} still needs, and hands it over as one unit. The row checksums
     * are computed once per attempt: a resumed run compares its remaining passes with the rows as
     * they are then, as a later run would.
     */
    void run(UnitSink units) {
        Map<EntityFamily, SegmentChecksums> rowSums = new EnumMap<>(EntityFamily.class);
        long rows = 0;
        for (EntityFamily family : EntityFamily.values()) {
            rowSums.put(family, shards.checksums(family));
            rows += rowSums.get(family).entries();
        }
        int passes = options.log().passes();
        progress.accept(String.format("log          %,d rows in shards%s; up to %,d state changelog records to read in %d passes",
                rows, options.idPrefix().isEmpty() ? "" : " (customer ids '" + options.idPrefix() + "…')", log.records(), passes));
        for (int pass = 0; pass < passes; pass++) {
            ReconUnit unit = ReconUnit.logPass(pass, passes);
            if (!units.pending(unit)) {
                continue;
            }
            Instant passStart = Instant.now();
            SegmentRange range = SegmentRange.pass(pass, passes);
            Map<String, LatestState> latest = log.read(range, options::inScope);
            Drill drill = drill(range, latest, rowSums);
            List<Discrepancy> passDrift = recheck(drill.candidates(), latest, drill.rows());
            progress.accept(String.format("log pass %d/%d segments [%d, %d): %,d entities stored, %,d of %,d segments differ,"
                    + " %,d discrepancies (%d ms)", pass + 1, passes, range.from(), range.to(), latest.size(),
                    drill.segmentsDiffering(), range.size(), passDrift.size(), Duration.between(passStart, Instant.now()).toMillis()));
            long passRows = rowSums.values().stream().mapToLong(sums -> sums.entries(range)).sum();
            units.finished(unit, passRows, drill.segmentsDiffering(), passDrift);
        }
    }

    /** What one pass's drill-down found: candidates to re-check, and the rows read. */
    private record Drill(int segmentsDiffering, Set<String> candidates, List<ShardRow> rows) {
    }

    /** Compares the pass's stored-state checksums with the rows', and the differing segments entity by entity. */
    private Drill drill(SegmentRange range, Map<String, LatestState> latest, Map<EntityFamily, SegmentChecksums> rowSums) {
        List<ShardRow> drilledRows = new ArrayList<>();
        Set<String> candidates = new HashSet<>();
        int differing = 0;
        for (EntityFamily family : EntityFamily.values()) {
            SegmentChecksums logSums = new SegmentChecksums();
            latest.values().stream().filter(c -> c.ref().family() == family).forEach(c -> logSums.add(c.ref().key(), c.row().text()));
            List<Integer> segments = logSums.differingSegments(rowSums.get(family), range);
            differing += segments.size();
            if (segments.isEmpty()) {
                continue;
            }
            Set<Integer> segmentSet = new HashSet<>(segments);
            Map<String, ShardRow> familyRows = shards.rows(family, segments);
            drilledRows.addAll(familyRows.values());
            for (LatestState change : latest.values()) {
                if (change.ref().family() == family && segmentSet.contains(EntryDigest.segment(change.ref().key()))) {
                    ShardRow row = familyRows.get(change.ref().key());
                    if (RowComparison.classify(change.row(), row == null ? null : row.row()).isPresent()) {
                        candidates.add(change.ref().key());
                    }
                }
            }
            // A row no stored state explains: the changelogs never expire, so it is drift whatever its age.
            familyRows.values().stream().filter(row -> !latest.containsKey(row.ref().key()))
                    .forEach(row -> candidates.add(row.ref().key()));
        }
        return new Drill(differing, candidates, drilledRows);
    }

    /** Re-reads the candidates' rows, then the changelogs' tail, classifies them again, and repairs what the stored state can fix. */
    private List<Discrepancy> recheck(Set<String> candidates, Map<String, LatestState> latest, List<ShardRow> drilledRows) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, EntityRef> refs = new HashMap<>();
        latest.values().stream().filter(c -> candidates.contains(c.ref().key())).forEach(c -> refs.put(c.ref().key(), c.ref()));
        drilledRows.stream().filter(r -> candidates.contains(r.ref().key())).forEach(r -> refs.put(r.ref().key(), r.ref()));
        Map<String, ShardRow> rowsNow = new HashMap<>();
        for (EntityFamily family : EntityFamily.values()) {
            List<EntityRef> ofFamily = refs.values().stream().filter(r -> r.family() == family).toList();
            if (!ofFamily.isEmpty()) {
                rowsNow.putAll(shards.rowsNow(family, ofFamily));
            }
        }
        // Rows first, then the changelogs: whatever the sink wrote before the row read is stored by now.
        log.refresh(latest, candidates);
        List<Discrepancy> drift = new ArrayList<>();
        List<LatestState> toRepair = new ArrayList<>();
        for (EntityRef ref : refs.values()) {
            LatestState change = latest.get(ref.key());
            ShardRow row = rowsNow.get(ref.key());
            Optional<Discrepancy.Kind> kind = RowComparison.classify(change == null ? null : change.row(), row == null ? null : row.row());
            if (kind.isEmpty()) {
                continue;
            }
            String note = switch (kind.get()) {
                case ROW_AHEAD -> "the row is newer than the stored state: never rolled back";
                case ROW_UNEXPLAINED -> "no state in the fold's stores explains this row (written outside the pipeline, or the"
                        + " stores were reset): never deleted automatically";
                case ROW_DIFFERS -> "same version, different deletion: changed outside the pipeline; the version guard refuses a repair";
                default -> null;
            };
            drift.add(new Discrepancy(Check.LOG, ref.family().label(), kind.get(), ref.key(),
                    router.shardFor(ref.customerId()).dataSourceName(), change == null ? null : change.row().text(),
                    row == null ? null : row.row().text(), false, note));
            if (RowComparison.repairable(kind.get())) {
                toRepair.add(change);
            }
        }
        return repairer == null ? drift : repairer.repair(drift, toRepair, d -> RowComparison.repairable(d.kind()));
    }
}
