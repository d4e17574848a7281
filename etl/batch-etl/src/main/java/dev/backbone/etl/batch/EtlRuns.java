package dev.backbone.etl.batch;

import dev.backbone.sharding.ShardId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Rows of {@code public.etl_run}, the freshness table analysts read. {@code lag_seconds} is the age
 * of the newest source change a window loaded (event time to load commit); null for an empty window.
 */
final class EtlRuns {

    private EtlRuns() {
    }

    static void record(Connection warehouse, Pipeline pipeline, ShardId shard, EtlMode mode, long from, long to, long rows,
                       Instant started, Duration duration, Double lagSeconds) throws SQLException {
        insert(warehouse, pipeline, shard, mode, from, to, rows, started, duration, lagSeconds, "SUCCEEDED", null);
    }

    /** Records a failed window in its own transaction (the load's was rolled back). */
    static void recordFailure(Connection warehouse, Pipeline pipeline, ShardId shard, EtlMode mode, Instant started,
                                     String detail) throws SQLException {
        warehouse.setAutoCommit(true);
        insert(warehouse, pipeline, shard, mode, 0, 0, 0, started, Duration.between(started, Instant.now()), null, "FAILED", detail);
    }

    private static void insert(Connection warehouse, Pipeline pipeline, ShardId shard, EtlMode mode, long from, long to, long rows,
                               Instant started, Duration duration, Double lagSeconds, String status, String detail)
            throws SQLException {
        try (PreparedStatement insert = warehouse.prepareStatement("""
                INSERT INTO public.etl_run (pipeline, source_shard, mode, started_at, finished_at, status, rows_loaded,
                                            window_from, window_to, duration_ms, lag_seconds, detail)
                VALUES (?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?)""")) {
            Timestamp start = Timestamp.from(started);
            insert.setString(1, pipeline.key());
            insert.setString(2, shard.dataSourceName());
            insert.setString(3, mode.name());
            insert.setTimestamp(4, start);
            insert.setString(5, status);
            insert.setLong(6, rows);
            insert.setLong(7, from);
            insert.setLong(8, to);
            insert.setLong(9, duration.toMillis());
            insert.setObject(10, lagSeconds, java.sql.Types.DOUBLE);
            insert.setString(11, detail);
            insert.executeUpdate();
        }
    }
}
