package dev.backbone.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.index.RedisCredentials;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuerySettingsTest {

  private static final List<String> SHARDS = List.of("jdbc:postgresql://h:1/db", "jdbc:postgresql://h:2/db");
  private static final String REDIS = "redis-sentinel://h:26379?sentinelMasterId=mymaster";

  @Test
  void shouldApplyDefaults() {
    QuerySettings settings = QuerySettings.defaults(SHARDS, REDIS);
    assertThat(settings.redisTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.indexPrefix()).isEqualTo("backbone:idx:");
  }

  @Test
  void shouldNameTheKeyAndValueOfABadShardUrl() {
    assertThatThrownBy(() -> QuerySettings.defaults(List.of("jdbc:postgresql://h/db", "mysql://x"), REDIS))
        .hasMessage("backbone.query.shards[1] must be a jdbc:postgresql: URL, but was 'mysql://x'");
    assertThatThrownBy(() -> QuerySettings.defaults(List.of(), REDIS))
        .hasMessageContaining("backbone.query.shards must list at least one JDBC URL");
  }

  @Test
  void shouldNameTheKeyOfABadRedisUriOrTimeout() {
    assertThatThrownBy(() -> QuerySettings.defaults(SHARDS, "localhost:6379"))
        .hasMessageContaining("backbone.query.redis-uri").hasMessageContaining("'localhost:6379'");
    assertThatThrownBy(() -> new QuerySettings(SHARDS, "backbone", "", REDIS, RedisCredentials.NONE, "p:", Duration.ZERO,
        Duration.ofSeconds(1), 4, Duration.ofSeconds(1), 10)).hasMessage("backbone.query.redis-timeout must be > 0, but was PT0S");
  }

  @Test
  void shouldNeverPrintThePassword() {
    QuerySettings settings = new QuerySettings(SHARDS, "backbone", "s3cret", REDIS,
        new RedisCredentials("query-service", "r3dis", "s3ntinel"), "p:", Duration.ofSeconds(1), Duration.ofSeconds(1), 4,
        Duration.ofSeconds(1), 10);
    assertThat(settings.toString()).doesNotContain("s3cret", "r3dis", "s3ntinel").contains("user=query-service");
  }
}
