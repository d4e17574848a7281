package dev.backbone.etl.batch;

import static org.assertj.core.api.Assertions.assertThat;
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
                .hasMessage("etl.shard.user must be set");
        assertThatThrownBy(() -> new EtlSettings(Map.of(new ShardId(0), SHARD), SHARD, "s", "p", "", "p", 1))
                .hasMessage("etl.warehouse.user must be set");
    }

    @Test
    void shouldKeepShardAndWarehouseUsersApartAndNeverPrintTheirPasswords() {
        EtlSettings settings = new EtlSettings(Map.of(new ShardId(0), SHARD), SHARD, "shard-owner", "s3cret", "wh-owner", "hunter2", 2);

        assertThat(settings.shardUser()).isEqualTo("shard-owner");
        assertThat(settings.warehouseUser()).isEqualTo("wh-owner");
        assertThat(settings.toString()).contains("shardUser=shard-owner", "warehouseUser=wh-owner", "Password=***")
                .doesNotContain("s3cret", "hunter2");
        assertThat(new EtlSettings(Map.of(new ShardId(0), SHARD), SHARD, "backbone", "", 2).warehouseUser()).isEqualTo("backbone");
    }
}
