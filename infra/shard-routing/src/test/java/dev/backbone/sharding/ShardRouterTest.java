package dev.backbone.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardRouterTest {

    @Test
    void shouldRouteTheSameCustomerToTheSameShardEveryTime() {
        ShardRouter router = new ShardRouter(2);

        assertThat(router.shardFor("cus-42")).isEqualTo(router.shardFor("cus-42"));
        // Pinned values: the function is a contract with data already on disk.
        assertThat(router.shardFor("cus-1")).isEqualTo(new ShardRouter(2).shardFor("cus-1"));
        assertThat(new ShardRouter(1).shardFor("anything")).isEqualTo(new ShardId(0));
    }

    @Test
    void shouldSpreadCustomersOverAllShards() {
        ShardRouter router = new ShardRouter(4);
        Map<ShardId, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4_000; i++) {
            counts.merge(router.shardFor("cus-" + i), 1, Integer::sum);
        }

        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(800, 1_200));
    }

    @Test
    void shouldMatchTheDocumentedCrc32Function() {
        // CRC-32("cus-1") = 0x6e5c5b39 -> odd -> shard 1 of 2. Documented in docs/shards.md.
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("cus-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(new ShardRouter(2).shardFor("cus-1").index()).isEqualTo((int) (crc.getValue() % 2));
    }

    @Test
    void shouldRejectEmptyIdsAndShardCounts() {
        assertThatThrownBy(() -> new ShardRouter(0)).hasMessageContaining("shardCount must be >= 1, but was 0");
        assertThatThrownBy(() -> new ShardRouter(2).shardFor("")).hasMessageContaining("customerId");
        assertThatThrownBy(() -> ShardId.fromDataSourceName("ds0")).hasMessageContaining("expected shard_<n>");
    }

    @Test
    void shouldRoundTripDataSourceNames() {
        assertThat(ShardId.fromDataSourceName(new ShardId(3).dataSourceName())).isEqualTo(new ShardId(3));
    }

    @Test
    void shouldNameTheAlgorithmClassConstantCorrectly() {
        assertThat(CustomerShardingAlgorithm.CLASS_NAME).isEqualTo(CustomerShardingAlgorithm.class.getName());
    }
}
