package dev.backbone.etl.recon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Check 1: the Redis index equals the index derived from the shard rows (invariant 3), the data-diff
 * way: both sides reduce each index family to XOR checksums of 65,536 key segments (the shards
 * inside PostgreSQL, in parallel; Redis by one SCAN pass), and only the segments that differ are
 * drilled into entry by entry. Every candidate is re-read on both sides before it is reported, so a
 * write the pipeline made during the pass is not mistaken for drift; repairs are compare-and-set, so
 * they are safe while the pipeline runs.
 */
final class IndexCheck {

    private static final int RECHECK_BATCH = 1_000;

    private final ShardIndexSource shards;
    private final RedisIndexSource index;
    private final IndexRepairer repairer;
    private final ExecutorService pool;
    private final Consumer<String> progress;

    /** @param repairer null for a dry run */
    IndexCheck(ShardIndexSource shards, RedisIndexSource index, IndexRepairer repairer, ExecutorService pool, Consumer<String> progress) {
        this.shards = shards;
        this.index = index;
        this.repairer = repairer;
        this.pool = pool;
        this.progress = progress;
    }

    /** Checks each family {@code units} still needs, and hands it over as one unit. */
    void run(UnitSink units) {
        for (IndexFamily family : IndexFamily.values()) {
            ReconUnit unit = ReconUnit.index(family);
            if (!units.pending(unit)) {
                continue;
            }
            Instant familyStart = Instant.now();
            // Both sides at once: the shards compute in PostgreSQL while this thread scans Redis.
            CompletableFuture<SegmentChecksums> shardSide = CompletableFuture.supplyAsync(() -> shards.checksums(family), pool);
            SegmentChecksums actual = index.checksums(family);
            SegmentChecksums expected = join(shardSide);
            List<Integer> segments = expected.differingSegments(actual);
            List<Discrepancy> familyDrift = segments.isEmpty() ? List.of() : drill(family, segments);
            progress.accept(String.format("%-12s %,10d entries in shards, %,10d in Redis, %,6d of %,d segments differ,"
                    + " %,d discrepancies (%d ms)", unit.name(), expected.entries(),
                    actual.entries(), segments.size(), EntryDigest.SEGMENTS, familyDrift.size(),
                    Duration.between(familyStart, Instant.now()).toMillis()));
            units.finished(unit, expected.entries(), segments.size(), familyDrift);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private List<Discrepancy> drill(IndexFamily family, List<Integer> segments) {
        Map<String, List<ShardIndexSource.Expected>> expected = shards.entries(family, segments);
        Map<String, String> actual = index.entries(family, segments);
        Set<String> keys = new HashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> candidates = new ArrayList<>();
        for (String key : keys) {
            List<ShardIndexSource.Expected> wanted = expected.getOrDefault(key, List.of());
            if (wanted.size() != 1 || !wanted.get(0).value().equals(actual.get(key))) {
                candidates.add(key);
            }
        }
        List<Discrepancy> drift = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += RECHECK_BATCH) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + RECHECK_BATCH));
            // Re-read both sides now: the pipeline may have moved the entry during the pass.
            Map<String, List<ShardIndexSource.Expected>> wantedNow = shards.expectedNow(family, batch);
            Map<String, String> heldNow = index.valuesNow(family, batch);
            List<Discrepancy> batchDrift = new ArrayList<>();
            for (String key : batch) {
                classify(family, key, wantedNow.getOrDefault(key, List.of()), heldNow.get(key)).ifPresent(batchDrift::add);
            }
            drift.addAll(repairer == null || batchDrift.isEmpty() ? batchDrift : repairer.repairAll(family, batchDrift));
        }
        return drift;
    }

    private static Optional<Discrepancy> classify(IndexFamily family, String key, List<ShardIndexSource.Expected> wanted, String held) {
        String name = family.name().toLowerCase(Locale.ROOT);
        if (wanted.stream().map(ShardIndexSource.Expected::value).distinct().count() > 1) {
            String values = String.join(",", wanted.stream().map(w -> w.value() + "@" + w.shard()).toList());
            return Optional.of(new Discrepancy(name, Discrepancy.Kind.CONFLICT, key, null, values, held, false));
        }
        String expected = wanted.isEmpty() ? null : wanted.get(0).value();
        String shard = wanted.isEmpty() ? null : wanted.get(0).shard().dataSourceName();
        if (Objects.equals(expected, held)) {
            return Optional.empty();
        }
        Discrepancy.Kind kind = held == null ? Discrepancy.Kind.MISSING : expected == null ? Discrepancy.Kind.EXTRA : Discrepancy.Kind.WRONG;
        return Optional.of(new Discrepancy(name, kind, key, shard, expected, held, false));
    }
}
