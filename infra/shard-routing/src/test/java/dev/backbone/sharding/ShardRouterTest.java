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

        // Pinned values: the function is a contract with data already on disk (CRC-32 mod N).
        assertThat(router.shardFor("cus-1")).isEqualTo(new ShardId(0));   // crc 0x631226f2
        assertThat(router.shardFor("alice")).isEqualTo(new ShardId(1));   // crc 0x278ebc47
        assertThat(new ShardRouter(4).shardFor("cus-42")).isEqualTo(new ShardId(2));
        assertThat(new ShardRouter(4).shardFor("alice")).isEqualTo(new ShardId(3));
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
