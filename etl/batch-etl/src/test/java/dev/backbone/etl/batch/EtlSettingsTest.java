package dev.backbone.etl.batch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.sharding.ShardId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtlSettingsTest {

    private static final String SHARD = "jdbc:postgresql://127.0.0.1:15432/backbone";

    @Test
    void shouldNameTheSettingAndValueThatIsWrong() {
        assertThatThrownBy(() -> new EtlSettings(Map.of(), SHARD, "u", "", 1)).hasMessageContaining("etl.shards");
        assertThatThrownBy(() -> new EtlSettings(Map.of(new ShardId(0), "mysql://x"), SHARD, "u", "", 1))
                .hasMessage("etl.shards.shard_0 must be a jdbc:postgresql:// URL, but was 'mysql://x'");
        assertThatThrownBy(() -> new EtlSettings(Map.of(new ShardId(0), SHARD), null, "u", "", 1))
                .hasMessageContaining("etl.warehouse.url");
        assertThatThrownBy(() -> new EtlSettings(Map.of(new ShardId(0), SHARD), SHARD, "u", "", 0))
                .hasMessage("etl.parallelism must be between 1 and 32, but was 0");
        assertThatThrownBy(() -> new EtlSettings(Map.of(new ShardId(0), SHARD), SHARD, " ", "", 1))
                .hasMessage("etl.user must be set");
    }
}
