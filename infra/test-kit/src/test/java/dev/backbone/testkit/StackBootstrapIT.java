package dev.backbone.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.kafka.TopicApplier;
import dev.backbone.stack.kafka.TopicCatalog;
import dev.backbone.stack.kafka.TopicSpec;
import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.postgres.Shard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class StackBootstrapIT {

    private final TestStack stack;

    StackBootstrapIT(TestStack stack) {
        this.stack = stack;
    }

    @Test
    void shouldCreateCatalogueTopicsWithRackSpreadReplicasAndApplyThemIdempotently() throws Exception {
        TopicCatalog catalog = TopicCatalog.load(stack.layout().topicsFile());
        try (Admin admin = stack.kafka().admin()) {
            // applying again changes nothing
            assertThat(new TopicApplier(admin).apply(catalog.topics()))
                    .allSatisfy(outcome -> assertThat(outcome.action()).isEqualTo(TopicApplier.Action.UNCHANGED));

            Map<String, TopicDescription> described = admin.describeTopics(catalog.topics().stream().map(TopicSpec::name).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            Map<Integer, String> racks = new java.util.HashMap<>();
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).forEach(n -> racks.put(n.id(), n.rack()));
            assertThat(racks.values()).containsExactlyInAnyOrder("az-a", "az-b", "az-c");
            for (TopicSpec spec : catalog.topics()) {
                TopicDescription topic = described.get(spec.name());
                assertThat(topic.partitions()).hasSize(spec.partitions());
                topic.partitions().forEach(p -> assertThat(p.replicas().stream().map(Node::id).map(racks::get).distinct())
                        .as("replicas of %s-%d span every rack", spec.name(), p.partition()).hasSize(3));
            }
        }
    }

    @Test
    void shouldMigrateEveryShardNodeAndTheWarehouse() throws SQLException {
        for (Shard shard : stack.postgres().shards()) {
            for (PostgresNode node : shard.nodes()) {
                // the standby has the schema too: it is a byte copy of its primary
                assertThat(tables(node.jdbcUrl("backbone"))).contains("customers", "orders", "payments");
            }
            assertThat(shard.primary()).isPresent();
            assertThat(shard.standby()).isPresent();
            assertThat(stack.postgres().monitor().isHealthy(shard.formation()))
                    .as("pg_auto_failover: %s", stack.postgres().monitor().describe(shard.formation())).isTrue();
        }
        assertThat(tables(stack.postgres().warehouse().jdbcUrl("backbone"))).contains("etl_watermark", "etl_run");
    }

    private static List<String> tables(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "backbone", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
