package dev.backbone.etl.recon;

import dev.backbone.index.IndexKeys;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * {@code ./backbone bench recon}: a clean reconciliation pass against the raw cost of reading the
 * same data in the same run — every expected entry streamed out of the shards with COPY, and every
 * index key and value read from Redis with SCAN + MGET, without hashing or comparing. Repairs any
 * drift first (untimed), so the timed pass is the 0-drift case the target speaks of.
 */
public final class ReconBenchmark {

    private final ReconSettings settings;
    private final Consumer<String> out;

    public ReconBenchmark(ReconSettings settings, Consumer<String> out) {
        this.settings = settings;
        this.out = out;
    }

    /** Returns recon / baseline throughput. */
    public double run() {
        Reconciler reconciler = new Reconciler(settings, line -> { });
        ReconReport repair = reconciler.run(true);
        out.accept(String.format("prepared: %,d entries, %,d repaired first (untimed)", repair.entriesChecked(),
                repair.discrepancies().size()));
        if (repair.entriesChecked() == 0) {
            throw new IllegalStateException("the shards imply no index entries: seed data first (e.g. ./backbone bench etl)");
        }

        Instant baselineStart = Instant.now();
        long rawRows = rawShardRead() + rawRedisRead();
        Duration baseline = Duration.between(baselineStart, Instant.now());

        Instant reconStart = Instant.now();
        ReconReport clean = reconciler.run(false);
        Duration recon = Duration.between(reconStart, Instant.now());

        double baselinePerMinute = rawRows / 2.0 / minutes(baseline);
        double reconPerMinute = clean.entriesChecked() / minutes(recon);
        out.accept(String.format("baseline  raw read of both sides      %,10d entries in %6.2f s = %,12.0f entries/min",
                rawRows / 2, seconds(baseline), baselinePerMinute));
        out.accept(String.format("recon     clean pass (%d discrepancies) %,10d entries in %6.2f s = %,12.0f entries/min",
                clean.discrepancies().size(), clean.entriesChecked(), seconds(recon), reconPerMinute));
        double ratio = reconPerMinute / baselinePerMinute;
        out.accept(String.format("ratio     recon / baseline = %.2f", ratio));
        return ratio;
    }

    private long rawShardRead() {
        long rows = 0;
        for (String url : settings.shardJdbcUrls().values()) {
            try (Connection c = DriverManager.getConnection(url, settings.shardUser(), settings.shardPassword())) {
                for (IndexFamily family : IndexFamily.values()) {
                    rows += c.unwrap(PGConnection.class).getCopyAPI()
                            .copyOut("COPY (" + family.expectedEntriesSql() + ") TO STDOUT", OutputStream.nullOutputStream());
                }
            } catch (SQLException | java.io.IOException e) {
                throw new IllegalStateException("baseline shard read failed: " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private long rawRedisRead() {
        RedisClient client = RedisClient.create(settings.redisConnectionUri());
        IndexKeys keys = new IndexKeys(settings.indexKeyPrefix());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            long entries = 0;
            for (String pattern : new String[] {keys.emailPattern(), keys.orderPattern()}) {
                entries += scan(redis, pattern, batch -> redis.mget(batch.toArray(String[]::new)).stream().filter(kv -> kv.hasValue()).count());
            }
            entries += scan(redis, keys.ordersByStatusPattern(), batch -> batch.stream()
                    .mapToLong(set -> redis.zrangeWithScores(set, 0, -1).size()).sum());
            return entries;
        } finally {
            client.shutdown();
        }
    }

    private static long scan(RedisCommands<String, String> redis, String pattern, java.util.function.ToLongFunction<java.util.List<String>> read) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1_000);
        KeyScanCursor<String> cursor = redis.scan(args);
        long entries = 0;
        while (true) {
            if (!cursor.getKeys().isEmpty()) {
                entries += read.applyAsLong(cursor.getKeys());
            }
            if (cursor.isFinished()) {
                return entries;
            }
            cursor = redis.scan(cursor, args);
        }
    }

    private static double seconds(Duration d) {
        return Math.max(d.toNanos(), 1) / 1e9;
    }

    private static double minutes(Duration d) {
        return seconds(d) / 60.0;
    }
}
