package dev.backbone.chaos.bench;

import dev.backbone.index.IndexKeys;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.index.IndexOp;
import dev.backbone.topology.index.IndexUpdates;
import dev.backbone.topology.index.LettuceIndexWriter;
import dev.backbone.topology.shard.JdbcShardWriter;
import dev.backbone.topology.shard.ShardBatch;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.backbone.stack.StackLayout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The raw ceilings of the two sinks, measured with the sinks' own writers so the only difference to
 * the pipeline is everything in front of them (Kafka, the topology, the sink loops), in {@link Scratch} room:
 *
 * <ul>
 *   <li>shard: {@link JdbcShardWriter} upserting order rows in batches of {@link #SINK_BATCH} (a sink
 *       poll's worth) into copies of the shard's tables in a scratch schema (same columns, indexes and
 *       version guard; none of the change-tracking triggers), dropped afterwards;
 *   <li>index: {@link LettuceIndexWriter} applying the index ops of the same order changes, pipelined,
 *       under a scratch key prefix, deleted afterwards.
 * </ul>
 *
 * Every order goes through three versions (placed, paid, shipped): one insert and two guarded
 * updates, one status-set move per update, as in the pipeline.
 */
final class SinkCeilings {

    /** Changes per sink write: the sink loops' {@code max.poll.records} (Kafka's default). */
    static final int SINK_BATCH = 500;
    private static final String SCRATCH_SCHEMA = "bench_pipeline";
    private static final String SCRATCH_PREFIX = "bench:pipeline:";
    private static final List<String> STATUSES = List.of("PLACED", "PAID", "SHIPPED");

    private SinkCeilings() {
    }

    /** Order changes of {@code orders} orders, version by version, each a {@link #SINK_BATCH}-sized slice. */
    static List<List<EntityChange<OrderState>>> orderChanges(int orders) {
        Instant placed = Instant.parse("2026-01-01T00:00:00Z");
        List<EntityChange<OrderState>> all = new ArrayList<>(orders * STATUSES.size());
        for (int version = 1; version <= STATUSES.size(); version++) {
            for (int i = 0; i < orders; i++) {
                OrderState before = version == 1 ? null : order(i, version - 1, placed);
                OrderState after = order(i, version, placed);
                all.add(new EntityChange<>(before, after, version, after.updatedAt()));
            }
        }
        List<List<EntityChange<OrderState>>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SINK_BATCH) {
            batches.add(all.subList(from, Math.min(all.size(), from + SINK_BATCH)));
        }
        return batches;
    }

    private static OrderState order(int i, int version, Instant placed) {
        return new OrderState("bench-c-" + i, "bench-o-" + i, STATUSES.get(version - 1), 1_000 + i, "EUR", version,
                placed.plusMillis(i), placed.plusMillis(i).plusSeconds(version));
    }

    /** Rows per second the shard writer upserts into one shard. */
    static double shardUpsertsPerSecond(String shardJdbcUrl, List<List<EntityChange<OrderState>>> batches) throws SQLException {
        Scratch.createSchema(shardJdbcUrl, SCRATCH_SCHEMA);
        try {
            long rows = 0;
            long start = System.nanoTime();
            try (JdbcShardWriter writer = new JdbcShardWriter(Scratch.dataSource(shardJdbcUrl, SCRATCH_SCHEMA))) {
                for (List<EntityChange<OrderState>> changes : batches) {
                    ShardBatch batch = new ShardBatch();
                    changes.forEach(batch::addOrder);
                    writer.write(batch);
                    rows += changes.size();
                }
            }
            return rows / seconds(start);
        } finally {
            Scratch.dropSchema(shardJdbcUrl, SCRATCH_SCHEMA);
        }
    }

    /** Changes per second whose index ops the index writer applies to Redis. */
    static double indexWritesPerSecond(String redisSentinelUri, List<List<EntityChange<OrderState>>> batches)
            throws InterruptedException {
        RedisClient client = RedisClient.create(RedisURI.create(redisSentinelUri));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            IndexUpdates updates = new IndexUpdates(new IndexKeys(SCRATCH_PREFIX));
            LettuceIndexWriter writer = new LettuceIndexWriter(connection, Duration.ofSeconds(10), 0);
            long changes = 0;
            long start = System.nanoTime();
            try {
                for (List<EntityChange<OrderState>> batch : batches) {
                    List<IndexOp> ops = new ArrayList<>(batch.size() * 3);
                    batch.forEach(change -> ops.addAll(updates.order(change)));
                    writer.apply(ops);
                    changes += batch.size();
                }
                return changes / seconds(start);
            } finally {
                connection.setAutoFlushCommands(true); // the writer pipelines by switching it off
                Scratch.deleteKeys(connection, SCRATCH_PREFIX);
            }
        } finally {
            client.shutdown();
        }
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }
}
