package dev.backbone.etl.batch;

import dev.backbone.sharding.ShardId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The per-(pipeline, shard) transaction-id watermark in {@code etl_watermark}; it only moves forward. */
final class Watermarks {

    private Watermarks() {
    }

    static long read(Connection warehouse, Pipeline pipeline, ShardId shard) throws SQLException {
        try (PreparedStatement query = warehouse.prepareStatement(
                "SELECT high_watermark FROM etl_watermark WHERE pipeline = ? AND source_shard = ?")) {
            query.setString(1, pipeline.key());
            query.setString(2, shard.dataSourceName());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    static void advance(Connection warehouse, Pipeline pipeline, ShardId shard, long to) throws SQLException {
        try (PreparedStatement upsert = warehouse.prepareStatement("""
                INSERT INTO etl_watermark (pipeline, source_shard, high_watermark, updated_at) VALUES (?, ?, ?, now())
                ON CONFLICT (pipeline, source_shard) DO UPDATE
                SET high_watermark = greatest(etl_watermark.high_watermark, EXCLUDED.high_watermark), updated_at = now()""")) {
            upsert.setString(1, pipeline.key());
            upsert.setString(2, shard.dataSourceName());
            upsert.setLong(3, to);
            upsert.executeUpdate();
        }
    }
}
