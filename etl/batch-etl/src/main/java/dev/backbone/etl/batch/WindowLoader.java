package dev.backbone.etl.batch;

import dev.backbone.sharding.ShardId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Loads one pipeline's window from one shard in one warehouse transaction:
 * watermark read, snapshot taken, rows streamed shard → warehouse with binary COPY (bounded memory),
 * merged, derived rows recomputed, watermark advanced — all committed together or not at all.
 */
final class WindowLoader {

    private final Connection shard;
    private final Connection warehouse;
    private final ShardId shardId;
    private final EtlMode mode;

    WindowLoader(Connection shard, Connection warehouse, ShardId shardId, EtlMode mode) {
        this.shard = shard;
        this.warehouse = warehouse;
        this.shardId = shardId;
        this.mode = mode;
    }

    WindowResult load(Pipeline pipeline) throws SQLException {
        Instant started = Instant.now();
        warehouse.setAutoCommit(false);
        shard.setAutoCommit(false);
        shard.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        shard.setReadOnly(true);
        try {
            lockWindow(pipeline);
            long from = Watermarks.read(warehouse, pipeline, shardId);
            // First statement of the repeatable-read transaction: fixes the snapshot the COPY reads.
            long to = snapshotXmin();
            long rows = copyWindow(pipeline, from);
            for (String statement : pipeline.mergeStatements()) {
                try (PreparedStatement merge = warehouse.prepareStatement(statement)) {
                    if (statement.indexOf('?') >= 0) {
                        merge.setString(1, shardId.dataSourceName());
                    }
                    merge.executeUpdate();
                }
            }
            RevenueAggregate.recompute(warehouse, affectedDays(pipeline));
            Watermarks.advance(warehouse, pipeline, shardId, to);
            Duration duration = Duration.between(started, Instant.now());
            EtlRuns.record(warehouse, pipeline, shardId, mode, from, to, rows, started, duration, newestChangeAge());
            warehouse.commit();
            return new WindowResult(shardId, pipeline, from, to, rows, duration);
        } catch (SQLException | RuntimeException e) {
            warehouse.rollback();
            throw e;
        } finally {
            shard.rollback(); // read-only: nothing to keep, releases the snapshot
        }
    }

    /** Two runs must not load the same window at once; a backfill holds this exclusively for its whole run. */
    private void lockWindow(Pipeline pipeline) throws SQLException {
        try (PreparedStatement lock = warehouse.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "etl:" + pipeline.key() + ":" + shardId.dataSourceName());
            lock.execute();
        }
    }

    private long snapshotXmin() throws SQLException {
        try (Statement s = shard.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long copyWindow(Pipeline pipeline, long from) throws SQLException {
        try (Statement s = warehouse.createStatement()) {
            s.execute(pipeline.createStage());
        }
        CopyManager source = shard.unwrap(PGConnection.class).getCopyAPI();
        CopyManager target = warehouse.unwrap(PGConnection.class).getCopyAPI();
        CopyOut out = source.copyOut(pipeline.extractCopy(from));
        CopyIn in = target.copyIn(pipeline.loadCopy());
        try {
            byte[] chunk;
            while ((chunk = out.readFromCopy()) != null) {
                in.writeToCopy(chunk, 0, chunk.length);
            }
            return in.endCopy();
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private Double newestChangeAge() throws SQLException {
        try (Statement s = warehouse.createStatement();
             ResultSet rs = s.executeQuery("SELECT extract(epoch FROM now() - max(updated_at))::float8 FROM stage")) {
            rs.next();
            double age = rs.getDouble(1);
            return rs.wasNull() ? null : age;
        }
    }

    private Set<LocalDate> affectedDays(Pipeline pipeline) throws SQLException {
        Set<LocalDate> days = new HashSet<>();
        if (pipeline.affectedDaysQuery() == null) {
            return days;
        }
        try (Statement s = warehouse.createStatement(); ResultSet rs = s.executeQuery(pipeline.affectedDaysQuery())) {
            while (rs.next()) {
                days.add(rs.getObject(1, LocalDate.class));
            }
        }
        return days;
    }
}
