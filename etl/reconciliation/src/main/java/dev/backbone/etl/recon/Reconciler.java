package dev.backbone.etl.recon;

import dev.backbone.index.IndexKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Proves the Redis index equals the index derived from the shard rows (invariant 3), the data-diff
 * way: both sides reduce each index family to XOR checksums of 65,536 key segments (the shards
 * inside PostgreSQL, in parallel; Redis by one SCAN pass), and only the segments that differ are
 * drilled into entry by entry. Every candidate is re-read on both sides before it is reported, so a
 * write the pipeline made during the pass is not mistaken for drift; repairs are compare-and-set, so
 * they are safe while the pipeline runs.
 *
 * <pre>{@code
 * ReconReport report = new Reconciler(settings, System.out::println).run(true);
 * }</pre>
 */
public final class Reconciler {

    private static final int RECHECK_BATCH = 1_000;

    private final ReconSettings settings;
    private final Consumer<String> progress;

    public Reconciler(ReconSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Checks every index family; with {@code repair}, fixes what differs. Records the run in the warehouse. */
    public ReconReport run(boolean repair) {
        Instant started = Instant.now();
        ReconRuns runs = new ReconRuns(settings);
        long runId = runs.start(repair);
        RedisURI uri = RedisURI.create(settings.redisUri());
        uri.setTimeout(settings.redisTimeout());
        RedisClient client = RedisClient.create(uri);
        // One thread per shard plus the task that waits for them: a smaller pool could deadlock.
        ExecutorService pool = Executors.newFixedThreadPool(settings.shardJdbcUrls().size() + 1);
        List<Discrepancy> found = new ArrayList<>();
        long checked = 0;
        int differing = 0;
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            IndexKeys keys = new IndexKeys(settings.indexKeyPrefix());
            ShardIndexSource shards = new ShardIndexSource(settings.shardJdbcUrls(), settings.user(), settings.password(), pool);
            RedisIndexSource index = new RedisIndexSource(redis, keys, settings.redisTimeout());
            IndexRepairer repairer = new IndexRepairer(connection.async(), keys, settings.redisTimeout());
            for (IndexFamily family : IndexFamily.values()) {
                Instant familyStart = Instant.now();
                // Both sides at once: the shards compute in PostgreSQL while this thread scans Redis.
                CompletableFuture<SegmentChecksums> shardSide = CompletableFuture.supplyAsync(() -> shards.checksums(family), pool);
                SegmentChecksums actual = index.checksums(family);
                SegmentChecksums expected = join(shardSide);
                List<Integer> segments = expected.differingSegments(actual);
                checked += expected.entries();
                differing += segments.size();
                List<Discrepancy> familyDrift = segments.isEmpty() ? List.of()
                        : drill(family, segments, shards, index, repair ? repairer : null);
                found.addAll(familyDrift);
                progress.accept(String.format("%-12s %,10d entries in shards, %,10d in Redis, %,6d of %,d segments differ,"
                        + " %,d discrepancies (%d ms)", family.name().toLowerCase(java.util.Locale.ROOT), expected.entries(),
                        actual.entries(), segments.size(), EntryDigest.SEGMENTS, familyDrift.size(),
                        Duration.between(familyStart, Instant.now()).toMillis()));
            }
        } catch (RuntimeException e) {
            ReconReport partial = new ReconReport(runId, repair, checked, differing, found, Duration.between(started, Instant.now()));
            runs.finish(partial, "FAILED", e.getMessage());
            throw e;
        } finally {
            pool.shutdownNow();
            client.shutdown();
        }
        ReconReport report = new ReconReport(runId, repair, checked, differing, found, Duration.between(started, Instant.now()));
        runs.finish(report, report.discrepancies().isEmpty() ? "CLEAN" : report.unrepaired() == 0 ? "REPAIRED" : "DRIFT", null);
        return report;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private List<Discrepancy> drill(IndexFamily family, List<Integer> segments, ShardIndexSource shards, RedisIndexSource index,
                                   IndexRepairer repairer) {
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

    private static Optional<Discrepancy> classify(IndexFamily family, String key, List<ShardIndexSource.Expected> wanted,
                                                  String held) {
        String name = family.name().toLowerCase(java.util.Locale.ROOT);
        if (wanted.stream().map(ShardIndexSource.Expected::value).distinct().count() > 1) {
            String values = String.join(",", wanted.stream().map(w -> w.value() + "@" + w.shard()).toList());
            return Optional.of(new Discrepancy(name, Discrepancy.Kind.CONFLICT, key, null, values, held, false));
        }
        String expected = wanted.isEmpty() ? null : wanted.get(0).value();
        String shard = wanted.isEmpty() ? null : wanted.get(0).shard().dataSourceName();
        if (java.util.Objects.equals(expected, held)) {
            return Optional.empty();
        }
        Discrepancy.Kind kind = held == null ? Discrepancy.Kind.MISSING : expected == null ? Discrepancy.Kind.EXTRA : Discrepancy.Kind.WRONG;
        return Optional.of(new Discrepancy(name, kind, key, shard, expected, held, false));
    }
}
