package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.index.IndexKeys;
import dev.backbone.sharding.ShardId;
import dev.backbone.stack.postgres.Shard;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.ShardRows;
import dev.backbone.testkit.TestStack;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class ReconcilerIT {

    private final TestStack stack;
    private final IndexKeys keys;
    private RedisClient client;
    private RedisCommands<String, String> redis;
    private StatefulRedisConnection<String, String> connection;

    ReconcilerIT(TestStack stack) {
        this.stack = stack;
        this.keys = new IndexKeys(stack.uniqueName("idx") + ":");
    }

    @BeforeEach
    void cleanShardsAndConnect() throws Exception {
        // The index is a function of *all* shard rows: each test starts from empty shards.
        for (Shard shard : stack.postgres().shards()) {
            try (Connection c = DriverManager.getConnection(shard.jdbcUrl(), "backbone", ""); Statement s = c.createStatement()) {
                s.execute("TRUNCATE customers, orders, payments");
            }
        }
        stack.redis();
        RedisURI uri = RedisURI.create(stack.layout().redisSentinelUri());
        uri.setTimeout(Duration.ofSeconds(5));
        client = RedisClient.create(uri);
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    @Test
    void shouldReportExactlyThePlantedDriftThenRepairItAndFindNoneAfter() throws Exception {
        // given 30 customers with an order each, and an index that matches them
        ShardRows shards = new ShardRows(stack);
        Instant placed = Instant.parse("2026-03-01T10:00:00Z");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = stack.uniqueName("cus");
            customers.add(id);
            shards.customer(id, 1, id + "@example.test", "DE", placed);
            shards.order(id, "ord-" + id, 1, "PLACED", 1_000, placed, placed);
            redis.set(keys.email(id + "@example.test"), id);
            redis.set(keys.order("ord-" + id), id);
            redis.zadd(keys.ordersByStatus("PLACED"), placed.toEpochMilli(), "ord-" + id);
        }
        assertThat(reconcile(false).discrepancies()).isEmpty();

        // and four kinds of drift planted by hand
        redis.del(keys.email(customers.get(0) + "@example.test"));                 // missing entry
        redis.set(keys.order("ord-" + customers.get(1)), customers.get(2));         // wrong entry
        redis.set(keys.email("ghost@example.test"), customers.get(3));             // entry no row implies
        redis.zrem(keys.ordersByStatus("PLACED"), "ord-" + customers.get(4));       // order moved without its index
        redis.zadd(keys.ordersByStatus("PAID"), placed.toEpochMilli(), "ord-" + customers.get(4));

        // when a dry run checks
        ReconReport dryRun = reconcile(false);

        // then it reports exactly those, repairs nothing, and the warehouse holds the same
        assertThat(dryRun.discrepancies()).extracting(d -> d.family() + " " + d.kind() + " " + d.key()).containsExactlyInAnyOrder(
                "email MISSING email:" + customers.get(0) + "@example.test",
                "order WRONG order:ord-" + customers.get(1),
                "email EXTRA email:ghost@example.test",
                "order_status MISSING orders:status:PLACED|ord-" + customers.get(4),
                "order_status EXTRA orders:status:PAID|ord-" + customers.get(4));
        assertThat(dryRun.unrepaired()).isEqualTo(5);
        assertThat(dryRun.discrepancies()).filteredOn(d -> d.kind() == Discrepancy.Kind.WRONG).singleElement()
                .satisfies(d -> {
                    assertThat(d.expected()).isEqualTo(customers.get(1));
                    assertThat(d.found()).isEqualTo(customers.get(2));
                });
        assertThat(warehouseCount("SELECT count(*) FROM recon_discrepancy WHERE run_id = " + dryRun.runId())).isEqualTo(5);
        assertThat(warehouseText("SELECT status FROM recon_run WHERE run_id = " + dryRun.runId())).isEqualTo("DRIFT");

        // when a repair run fixes them
        ReconReport repair = reconcile(true);
        assertThat(repair.discrepancies()).hasSize(5).allSatisfy(d -> assertThat(d.repaired()).isTrue());
        assertThat(redis.get(keys.email(customers.get(0) + "@example.test"))).isEqualTo(customers.get(0));
        assertThat(redis.get(keys.order("ord-" + customers.get(1)))).isEqualTo(customers.get(1));
        assertThat(redis.exists(keys.email("ghost@example.test"))).isZero();
        assertThat(redis.zscore(keys.ordersByStatus("PAID"), "ord-" + customers.get(4))).isNull();

        // then a second run finds nothing
        ReconReport after = reconcile(false);
        assertThat(after.discrepancies()).isEmpty();
        assertThat(after.entriesChecked()).isEqualTo(90);
        assertThat(warehouseText("SELECT status FROM recon_run WHERE run_id = " + after.runId())).isEqualTo("CLEAN");
    }

    @Test
    void shouldNotOverwriteAnEntryTheSinkChangedAfterTheCheck() {
        // given a wrong entry whose repair was computed from an observed value ...
        ShardRows shards = new ShardRows(stack);
        String id = stack.uniqueName("cus");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            shards.customer(id, 1, id + "@example.test", "FR", at);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        redis.set(keys.email(id + "@example.test"), "someone-else");
        IndexRepairer repairer = new IndexRepairer(redis.getStatefulConnection().async(), keys, Duration.ofSeconds(5));

        // ... when the sink writes before the repair lands
        redis.set(keys.email(id + "@example.test"), "written-by-sink");

        // then the compare-and-set repair declines, leaving the sink's newer write
        assertThat(repairer.repair(IndexFamily.EMAIL, "email:" + id + "@example.test", "someone-else", id)).isFalse();
        assertThat(redis.get(keys.email(id + "@example.test"))).isEqualTo("written-by-sink");
    }

    private ReconReport reconcile(boolean repair) {
        stack.postgres();
        Map<ShardId, String> urls = stack.layout().shardJdbcUrls();
        ReconSettings settings = new ReconSettings(urls, stack.layout().warehouseJdbcUrl(), "backbone", "",
                stack.layout().redisSentinelUri(), keys.prefix(), Duration.ofSeconds(5));
        return new Reconciler(settings, line -> { }).run(repair);
    }

    private long warehouseCount(String sql) throws Exception {
        return Long.parseLong(warehouseText(sql));
    }

    private String warehouseText(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.layout().warehouseJdbcUrl(), "backbone", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
