package dev.backbone.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackLayoutTest {

    private static final Path ROOT = ProjectRoot.locate();

    @Test
    void shouldDeriveEveryPortFromItsBasePlusTheOffset() {
        StackLayout dev = StackLayout.developer(ROOT, 2);
        StackLayout it = new StackLayout(ROOT, ROOT.resolve(".runtime/x"), 1000, 2);

        assertThat(dev.bootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
        assertThat(it.kafkaBrokerPort(2)).isEqualTo(dev.kafkaBrokerPort(2) + 1000);
        assertThat(it.shardNodePort(1, 1)).isEqualTo(dev.shardNodePort(1, 1) + 1000);
        assertThat(it.sentinelPorts()).containsExactly(27379, 27380, 27381);
        assertThat(dev.failoverMonitorPort()).isEqualTo(15431);
        assertThat(it.failoverMonitorPort()).isEqualTo(16431);
        assertThat(it.failoverMonitorPoolPort()).isEqualTo(16429);
    }

    @Test
    void shouldGiveEveryListenerAndLinkItsOwnPort() {
        StackLayout layout = StackLayout.developer(ROOT, StackLayout.MAX_SHARDS);
        List<Integer> ports = new ArrayList<>(List.of(layout.warehousePort(), layout.failoverMonitorPort(), layout.failoverMonitorPoolPort(), layout.redisPrimaryPort(),
                layout.redisReplicaPort(), layout.queryServicePort(), layout.linkControlPort()));
        ports.addAll(layout.sentinelPorts());
        for (int shard = 0; shard < StackLayout.MAX_SHARDS; shard++) {
            ports.addAll(List.of(layout.shardNodePort(shard, 0), layout.shardNodePort(shard, 1)));
        }
        for (int instance = 0; instance < StackLayout.MAX_STREAMS_INSTANCES; instance++) {
            ports.add(layout.streamsHealthPort(instance));
        }
        for (int node : layout.kafkaNodeIds()) {
            ports.addAll(List.of(layout.kafkaBrokerPort(node), layout.kafkaAppsPort(node), layout.appsLinkPort(node)));
            for (int peer : layout.kafkaNodeIds()) {
                ports.addAll(List.of(layout.kafkaReplicationPort(node, peer), layout.kafkaControllerPort(node, peer)));
                if (peer != node) {
                    ports.addAll(List.of(layout.replicationLinkPort(peer, node), layout.controllerLinkPort(peer, node)));
                }
            }
        }

        assertThat(ports).doesNotHaveDuplicates();
    }

    @Test
    void shouldPutTheFailoverMonitorBetweenTheWarehouseAndTheShardsWithoutACollision() {
        StackLayout layout = StackLayout.developer(ROOT, StackLayout.MAX_SHARDS);

        assertThat(layout.failoverMonitorPort()).isEqualTo(layout.warehousePort() + 1).isEqualTo(layout.shardNodePort(0, 0) - 1);
    }

    @Test
    void shouldGiveEachShardAMultiHostUrlThatFollowsThePrimary() {
        StackLayout layout = StackLayout.developer(ROOT, 2);

        assertThat(layout.shardJdbcUrl(1))
                .startsWith("jdbc:postgresql://127.0.0.1:15434,127.0.0.1:15435/backbone?")
                .contains("targetServerType=primary");
        assertThat(StackLayout.developer(ROOT, 3).shardJdbcUrls()).containsOnlyKeys(
                new dev.backbone.sharding.ShardId(0), new dev.backbone.sharding.ShardId(1), new dev.backbone.sharding.ShardId(2));
        assertThat(layout.shardJdbcUrls().get(new dev.backbone.sharding.ShardId(1))).isEqualTo(layout.shardJdbcUrl(1));
        assertThat(layout.redisSentinelUri())
                .isEqualTo("redis-sentinel://127.0.0.1:26379,127.0.0.1:26380,127.0.0.1:26381?sentinelMasterId=mymaster");
    }

    @Test
    void shouldPutOneNodeInEachRack() {
        StackLayout layout = StackLayout.developer(ROOT, 2);

        assertThat(layout.kafkaNodeIds().stream().map(layout::kafkaRack)).containsExactly("az-a", "az-b", "az-c");
    }

    @Test
    void shouldRejectInvalidLayoutsNamingTheSettingAndValue() {
        assertThatThrownBy(() -> StackLayout.developer(ROOT, 0)).hasMessage("shards must be between 1 and 16, but was 0");
        assertThatThrownBy(() -> new StackLayout(ROOT, ROOT, -1, 2)).hasMessageContaining("portOffset").hasMessageContaining("-1");
        assertThatThrownBy(() -> new StackLayout(Path.of("/tmp"), ROOT, 0, 2)).hasMessageContaining("BACKBONE_ROOT");
        assertThatThrownBy(() -> StackLayout.developer(ROOT, 2).shardNodePort(2, 0)).hasMessageContaining("no shard node 2/0");
        assertThatThrownBy(() -> StackLayout.developer(ROOT, 2).kafkaBrokerPort(3)).hasMessageContaining("0..2");
    }
}
