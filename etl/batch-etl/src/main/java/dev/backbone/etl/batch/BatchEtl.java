package dev.backbone.etl.batch;

import dev.backbone.sharding.ShardId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The batch ETL job: loads every shard into the warehouse star schema, shards in parallel, each
 * shard's pipelines in order (customers, orders, payments). See docs/warehouse.md.
 *
 * <pre>{@code
 * EtlReport report = new BatchEtl(settings, System.out::println).run(EtlMode.INCREMENTAL);
 * }</pre>
 */
public final class BatchEtl {

    /** Tables rebuilt by a backfill and swapped in together. */
    static final List<String> LOADED_TABLES = List.of("dim_customer", "fact_order", "fact_payment", "agg_daily_revenue",
            "raw_order_versions", "raw_payment_versions", "etl_watermark");
    private static final String BACKFILL_SCHEMA = "etl_backfill";
    /** Incremental runs hold it shared, a backfill exclusively: they never interleave. */
    private static final long RUN_LOCK = 0x65746c5f72756eL; // "etl_run"

    private final EtlSettings settings;
    private final Consumer<String> progress;

    public BatchEtl(EtlSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public EtlReport run(EtlMode mode) {
        Instant started = Instant.now();
        if (mode == EtlMode.INCREMENTAL) {
            return loadAllShards(mode, false, started);
        }
        try (Connection admin = warehouse(false)) {
            lock(admin, "pg_advisory_lock");
            try {
                prepareBackfillSchema(admin);
                EtlReport report = loadAllShards(mode, true, started);
                swapIn(admin);
                progress.accept("backfill swapped in: " + String.join(", ", LOADED_TABLES));
                return report;
            } finally {
                lock(admin, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backfill failed: " + e.getMessage(), e);
        }
    }

    private EtlReport loadAllShards(EtlMode mode, boolean intoBackfillSchema, Instant started) {
        List<WindowResult> results = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallelism(), settings.shardJdbcUrls().size()));
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (Map.Entry<ShardId, String> shard : settings.shardJdbcUrls().entrySet()) {
                tasks.add(pool.submit(() -> loadShard(shard.getKey(), shard.getValue(), mode, intoBackfillSchema, results, failures)));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        } catch (ExecutionException e) {
            failures.add(String.valueOf(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
        EtlReport report = new EtlReport(mode, results, Duration.between(started, Instant.now()));
        if (!failures.isEmpty()) {
            throw new EtlFailedException(report, failures);
        }
        return report;
    }

    private void loadShard(ShardId shard, String url, EtlMode mode, boolean intoBackfillSchema,
                           List<WindowResult> results, List<String> failures) {
        try (Connection source = DriverManager.getConnection(url, settings.shardUser(), settings.shardPassword());
             Connection target = warehouse(intoBackfillSchema)) {
            if (!intoBackfillSchema) {
                lock(target, "pg_advisory_lock_shared");
            }
            WindowLoader loader = new WindowLoader(source, target, shard, mode);
            for (Pipeline pipeline : Pipeline.values()) {
                Instant windowStart = Instant.now();
                try {
                    WindowResult result = loader.load(pipeline);
                    results.add(result);
                    progress.accept(String.format("%s %-9s %,9d rows  watermark %d -> %d  (%d ms)", shard, pipeline.key(),
                            result.rows(), result.fromWatermark(), result.toWatermark(), result.duration().toMillis()));
                } catch (SQLException e) {
                    failures.add(shard + "/" + pipeline.key() + ": " + e.getMessage());
                    EtlRuns.recordFailure(target, pipeline, shard, mode, windowStart, e.getMessage());
                    return; // later pipelines of this shard depend on this one's rows
                }
            }
            if (!intoBackfillSchema) {
                lock(target, "pg_advisory_unlock_shared");
            }
        } catch (SQLException e) {
            failures.add(shard + ": " + e.getMessage());
        }
    }

    private Connection warehouse(boolean backfillSchema) throws SQLException {
        Connection connection = DriverManager.getConnection(settings.warehouseJdbcUrl(), settings.warehouseUser(), settings.warehousePassword());
        try (Statement s = connection.createStatement()) {
            // Days of the revenue aggregate are UTC days, whatever the server's zone.
            s.execute("SET TIME ZONE 'UTC'");
            if (backfillSchema) {
                s.execute("SET search_path TO " + BACKFILL_SCHEMA + ", public");
            }
        }
        return connection;
    }

    private static void lock(Connection connection, String function) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT " + function + "(" + RUN_LOCK + ")");
        }
    }

    private static void prepareBackfillSchema(Connection admin) throws SQLException {
        admin.setAutoCommit(false);
        try (Statement s = admin.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + BACKFILL_SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + BACKFILL_SCHEMA);
            for (String table : LOADED_TABLES) {
                s.execute("CREATE TABLE " + BACKFILL_SCHEMA + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
            }
        }
        admin.commit();
    }

    /** Replaces the live tables by the rebuilt ones in one transaction: readers see old or new, never a mix. */
    private static void swapIn(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            for (String table : LOADED_TABLES) {
                s.execute("DROP TABLE public." + table);
                s.execute("ALTER TABLE " + BACKFILL_SCHEMA + "." + table + " SET SCHEMA public");
            }
            s.execute("DROP SCHEMA " + BACKFILL_SCHEMA);
        }
        admin.commit();
    }
}
