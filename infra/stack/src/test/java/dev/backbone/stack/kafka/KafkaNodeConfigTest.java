package dev.backbone.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.ProjectRoot;
import dev.backbone.stack.StackLayout;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaNodeConfigTest {

    @Test
    void shouldRenderADurableRackAwareCombinedNode() throws IOException {
        StackLayout layout = StackLayout.developer(ProjectRoot.locate(), 2);
        Properties props = new Properties();
        props.load(new StringReader(KafkaNodeConfig.render(layout, 1, Path.of("/data"))));

        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(props.getProperty("broker.rack")).isEqualTo("az-b");
        // Peers are reached over the link relay (so drills can partition them), the node itself directly.
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("0@127.0.0.1:" + layout.controllerLinkPort(1, 0)
                + ",1@127.0.0.1:" + layout.kafkaControllerPort(1, 1) + ",2@127.0.0.1:" + layout.controllerLinkPort(1, 2));
        assertThat(props.getProperty("inter.broker.listener.name")).isEqualTo("REPLICATION_FROM_1");
        // The node connects to controllers over its own name, whose address the leader advertises at the relay port.
        assertThat(props.getProperty("controller.listener.names")).startsWith("CONTROLLER_FROM_1,");
        assertThat(props.getProperty("advertised.listeners").split(",")).contains(
                "PLAINTEXT://127.0.0.1:19093",
                "APPS://127.0.0.1:" + layout.appsLinkPort(1),
                "REPLICATION_FROM_0://127.0.0.1:" + layout.replicationLinkPort(0, 1),
                "REPLICATION_FROM_1://127.0.0.1:" + layout.kafkaReplicationPort(1, 1),
                "REPLICATION_FROM_2://127.0.0.1:" + layout.replicationLinkPort(2, 1),
                "CONTROLLER_FROM_0://127.0.0.1:" + layout.controllerLinkPort(0, 1),
                "CONTROLLER_FROM_1://127.0.0.1:" + layout.kafkaControllerPort(1, 1),
                "CONTROLLER_FROM_2://127.0.0.1:" + layout.controllerLinkPort(2, 1));
        assertThat(props.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(props.getProperty("default.replication.factor")).isEqualTo("3");
        assertThat(props.getProperty("unclean.leader.election.enable")).isEqualTo("false");
        assertThat(props.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(props.getProperty("add.partitions.to.txn.retry.backoff.max.ms")).isEqualTo("5000");
        // A kill -9 costs a re-read of one small segment per partition, not of everything since start.
        assertThat(props.getProperty("log.segment.bytes")).isEqualTo("1048576");
        assertThat(props.getProperty("log.flush.interval.ms")).isEqualTo("5000");
        assertThat(props.getProperty("log.flush.scheduler.interval.ms")).isEqualTo("1000");
        assertThat(props.getProperty("log.flush.offset.checkpoint.interval.ms")).isEqualTo("5000");
    }
}
