package dev.backbone.etl.recon;

import dev.backbone.etl.recon.LogDerivedState.LatestChange;
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
 * Check 2: every shard row holds the latest state the change topics imply for its entity — same
 * version, same deletion. The data-diff way, like the index check: PostgreSQL reduces each shard's
 * rows to the XOR checksums of 65,536 key segments (in parallel, once); the change topics are folded
 * in passes, each keeping only the entities of one slice of the segments, so neither side needs
 * memory for all entities. Only differing segments are drilled into, and every candidate is re-read
 * on both sides (the shard row, then the log's tail) before it is reported. A missing or older row is
 * repaired by re-applying the log's latest change through the sink's writer; a row ahead of the log
 * is reported, never rolled back.
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
        progress.accept(String.format("log          %,d rows in shards%s; %,d change records to fold in %d passes%s", rows,
                options.idPrefix().isEmpty() ? "" : " (customer ids '" + options.idPrefix() + "…')", log.records(),
                passes, log.complete() ? "" : "; the log has dropped records to retention: rows no change"
                        + " explains are counted, not reported"));
        long beyondLog = 0;
        for (int pass = 0; pass < passes; pass++) {
            ReconUnit unit = ReconUnit.logPass(pass, passes);
            if (!units.pending(unit)) {
                continue;
            }
            Instant passStart = Instant.now();
            SegmentRange range = SegmentRange.pass(pass, passes);
            Map<String, LatestChange> latest = log.read(range, options::inScope);
            Drill drill = drill(range, latest, rowSums);
            beyondLog += drill.beyondLog();
            List<Discrepancy> passDrift = recheck(drill.candidates(), latest, drill.rows());
            progress.accept(String.format("log pass %d/%d segments [%d, %d): %,d entities in the log, %,d of %,d segments differ,"
                    + " %,d discrepancies (%d ms)", pass + 1, passes, range.from(), range.to(), latest.size(),
                    drill.segmentsDiffering(), range.size(), passDrift.size(), Duration.between(passStart, Instant.now()).toMillis()));
            long passRows = rowSums.values().stream().mapToLong(sums -> sums.entries(range)).sum();
            units.finished(unit, passRows, drill.segmentsDiffering(), passDrift);
        }
        if (beyondLog > 0) {
            progress.accept(String.format("log          %,d rows have no change left in the log (older than its retention): not compared",
                    beyondLog));
        }
    }

    /** What one pass's drill-down found: candidates to re-check, the rows read, and rows no retained change explains. */
    private record Drill(int segmentsDiffering, Set<String> candidates, List<ShardRow> rows, long beyondLog) {
    }

    /** Compares the pass's log checksums with the rows', and the differing segments entity by entity. */
    private Drill drill(SegmentRange range, Map<String, LatestChange> latest, Map<EntityFamily, SegmentChecksums> rowSums) {
        List<ShardRow> drilledRows = new ArrayList<>();
        Set<String> candidates = new HashSet<>();
        int differing = 0;
        long beyondLog = 0;
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
            for (LatestChange change : latest.values()) {
                if (change.ref().family() == family && segmentSet.contains(EntryDigest.segment(change.ref().key()))) {
                    ShardRow row = familyRows.get(change.ref().key());
                    if (RowComparison.classify(change.row(), row == null ? null : row.row(), log.complete()).isPresent()) {
                        candidates.add(change.ref().key());
                    }
                }
            }
            for (ShardRow row : familyRows.values()) {
                if (latest.containsKey(row.ref().key())) {
                    continue;
                }
                if (log.complete()) {
                    candidates.add(row.ref().key());
                } else {
                    beyondLog++;
                }
            }
        }
        return new Drill(differing, candidates, drilledRows, beyondLog);
    }

    /** Re-reads the candidates' rows, then the log's tail, classifies them again, and repairs what the log can fix. */
    private List<Discrepancy> recheck(Set<String> candidates, Map<String, LatestChange> latest, List<ShardRow> drilledRows) {
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
        // Rows first, then the log: whatever the sink wrote before the row read is in the log by now.
        log.refresh(latest, candidates);
        List<Discrepancy> drift = new ArrayList<>();
        List<LatestChange> toRepair = new ArrayList<>();
        for (EntityRef ref : refs.values()) {
            LatestChange change = latest.get(ref.key());
            ShardRow row = rowsNow.get(ref.key());
            Optional<Discrepancy.Kind> kind = RowComparison.classify(change == null ? null : change.row(), row == null ? null : row.row(),
                    log.complete());
            if (kind.isEmpty()) {
                continue;
            }
            String note = switch (kind.get()) {
                case ROW_AHEAD -> change == null ? "no change in the log explains this row" : "the row is newer than the log: never rolled back";
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
