package dev.backbone.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.query.QuerySettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding of {@code backbone.query.*}: defaults for unset keys, errors naming the key and value. */
class QueryPropertiesTest {

  private static final String REDIS = "redis-sentinel://127.0.0.1:1?sentinelMasterId=m";
  private static final List<String> SHARDS = List.of("jdbc:postgresql://127.0.0.1:1/backbone");

  @Test
  void shouldApplyDefaultsToUnsetProperties() {
    QuerySettings settings = new QueryProperties(SHARDS, null, null, REDIS, null, null, null, null, null, null, null, null, null).toSettings();

    assertThat(settings).isEqualTo(QuerySettings.defaults(SHARDS, REDIS));
  }

  @Test
  void shouldNameTheKeyOfAMissingOrInvalidProperty() {
    assertThatThrownBy(() -> new QueryProperties(null, null, null, REDIS, null, null, null, null, null, null, null, null, null).toSettings())
        .hasMessage("backbone.query.shards must list at least one JDBC URL, but was null");
    assertThatThrownBy(() -> new QueryProperties(SHARDS, null, null, null, null, null, null, null, null, null, null, null, null).toSettings())
        .hasMessageContaining("backbone.query.redis-uri must be a redis-sentinel://");
    assertThatThrownBy(() -> new QueryProperties(SHARDS, null, null, REDIS, null, null, null, null, null, Duration.ZERO, null, null, null)
        .toSettings()).hasMessage("backbone.query.shard-timeout must be > 0, but was PT0S");
    assertThatThrownBy(() -> new QueryProperties(SHARDS, null, null, REDIS, null, null, null, null, null, null, 0, null, null).toSettings())
        .hasMessage("backbone.query.shard-pool-size must be between 1 and 64, but was 0");
  }

  @Test
  void shouldRefuseARedisUserWithoutItsPasswordNamingTheKeys() {
    QueryProperties properties = new QueryProperties(SHARDS, null, null, REDIS, "query-service", null, "s3ntinel", null, null,
        null, null, null, null);
    assertThatThrownBy(properties::toSettings)
        .hasMessageContaining("backbone.query.redis-username / backbone.query.redis-password: a Redis username ('query-service') "
            + "is set without its password");
  }
}
