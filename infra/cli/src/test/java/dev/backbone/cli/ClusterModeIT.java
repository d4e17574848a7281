package dev.backbone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.ShardId;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.BackboneTopology;
import dev.backbone.topology.app.ShardJdbcUrls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code reconcile} and {@code etl} in cluster mode, every address given as a {@code backbone.*}
 * key (here {@code -D} properties, as the CronJobs give environment variables) pointing at the
 * integration-test stack, with no {@code --test-stack}: they reach shards, warehouse, Redis and Kafka
 * from the keys alone. The stack trusts local connections, so the passwords are placeholders that
 * must only never be printed; TLS, SCRAM and the Redis ACL user are not exercised here.
 */
@ExtendWith(LocalStackExtension.class)
class ClusterModeIT {

    private static final String PASSWORD = "placeholder-secret";

    private final TestStack stack;
    private final Map<String, String> keys = new LinkedHashMap<>();

    ClusterModeIT(TestStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void givenClusterKeysForTheTestStack() {
        stack.postgres();
        stack.redis();
        for (Map.Entry<ShardId, String> shard : stack.layout().shardJdbcUrls().entrySet()) {
            keys.put(ShardJdbcUrls.key(shard.getKey().index()), shard.getValue());
        }
        keys.put(ClusterConfig.SHARD_USER, "backbone");
        keys.put(ClusterConfig.SHARD_PASSWORD, PASSWORD);
        keys.put(ClusterConfig.WAREHOUSE_JDBC_URL, stack.layout().warehouseJdbcUrl());
        keys.put(ClusterConfig.WAREHOUSE_USER, "backbone");
        keys.put(ClusterConfig.WAREHOUSE_PASSWORD, PASSWORD);
        keys.put(ClusterConfig.REDIS_SENTINEL_URI, stack.layout().redisSentinelUri());
        keys.put(ClusterConfig.INDEX_KEY_PREFIX, stack.uniqueName("idx") + ":");
        keys.put(ClusterConfig.KAFKA_BOOTSTRAP_SERVERS, stack.kafka().bootstrapServers());
        keys.forEach(System::setProperty);
    }

    @AfterEach
    void clearTheKeys() {
        keys.keySet().forEach(System::clearProperty);
    }

    @Test
    void shouldReconcileFromTheKeysAloneAndRecordTheRunInTheWarehouse() throws Exception {
        long runsBefore = reconRuns();
        StringWriter out = new StringWriter();

        // The Streams app's changelogs under an application id of this test's own (the suite deletes
        // other classes' Streams topics), empty; and a customer id prefix no test uses: the log check
        // finds nothing to compare and nothing to repair.
        String applicationId = stack.uniqueName("cluster-app");
        createStateChangelogs(applicationId);
        System.setProperty(ClusterConfig.STREAMS_APPLICATION_ID, applicationId);
        keys.put(ClusterConfig.STREAMS_APPLICATION_ID, applicationId);
        int exit = run(out, "reconcile", "--checks", "log", "--id-prefix", stack.uniqueName("none"));

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("cluster mode: ReconSettings[").contains("shardPassword=***").doesNotContain(PASSWORD);
        assertThat(reconRuns()).isEqualTo(runsBefore + 1);
    }

    @Test
    void shouldRefuseToResumeARunTheWarehouseDoesNotHold() {
        StringWriter out = new StringWriter();

        int exit = run(out, "reconcile", "--resume", "2000000000");

        assertThat(exit).as(out.toString()).isEqualTo(2);
        assertThat(out.toString()).contains("--resume 2000000000: there is no run 2000000000 in recon_run");
    }

    @Test
    void shouldCheckTheIndexThroughTheSentinelsNamedByTheKey() {
        StringWriter out = new StringWriter();

        // Under a fresh key prefix every entry the shard rows imply is missing: drift (exit 1), but reached through Sentinel.
        int exit = run(out, "reconcile", "--checks", "index");

        assertThat(exit).as(out.toString()).isIn(0, 1);
        assertThat(out.toString()).contains("  index ").contains(" checked, ").doesNotContain(PASSWORD);
    }

    @Test
    void shouldLoadTheWarehouseFromTheKeysAlone() {
        StringWriter out = new StringWriter();

        int exit = run(out, "etl");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("cluster mode: EtlSettings[").contains("load done").doesNotContain(PASSWORD);
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new BackboneCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    /** The entity state changelogs Kafka Streams would create for {@code applicationId}: compacted, RF 3. */
    private void createStateChangelogs(String applicationId) throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            admin.createTopics(Stream.of("customer", "order", "payment")
                    .map(entity -> new NewTopic(BackboneTopology.stateChangelogTopic(applicationId, entity), 6, (short) 3)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    private long reconRuns() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.layout().warehouseJdbcUrl(), "backbone", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM recon_run")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
