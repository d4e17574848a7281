package dev.backbone.topology.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.index.IndexKeys;
import dev.backbone.topology.index.IndexSinkConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  private static final String SHARD0 = "jdbc:postgresql://h1:5432,h2:5432/backbone?targetServerType=primary";
  private static final String SHARD1 = "jdbc:postgresql://h3:5432,h4:5432/backbone?targetServerType=primary";

  @Test
  void shouldReadEveryKeyWithSystemPropertiesOverEnvironmentOverFile() {
    Properties file = props(Map.of("backbone.streams.bootstrap-servers", "file:9092", "backbone.streams.state-dir", "/s",
        "backbone.shard.0.jdbc-url", SHARD0, "backbone.shard.1.jdbc-url", SHARD1,
        "backbone.redis.sentinel-uri", "redis-sentinel://r:26379?sentinelMasterId=m", "backbone.index.timeout", "PT2S"));
    Map<String, String> env = Map.of("BACKBONE_STREAMS_BOOTSTRAP_SERVERS", "env:9092", "BACKBONE_HEALTH_PORT", "0");
    Properties system = props(Map.of("backbone.streams.bootstrap-servers", "sys:9092",
        "backbone.index-sink.max-backoff", "10s"));

    AppConfig config = AppConfig.from(new ConfigSource(system, env, file));

    assertThat(config.streams().bootstrapServers()).isEqualTo("sys:9092");
    assertThat(config.streams().stateDir()).isEqualTo(Path.of("/s"));
    assertThat(config.shardJdbcUrls()).containsExactly(SHARD0, SHARD1);
    assertThat(config.healthPort()).isZero();
    assertThat(config.indexSink().writeTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.indexSink().maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.indexSink().minReplicas()).isEqualTo(IndexSinkConfig.DEFAULT_MIN_REPLICAS);
    assertThat(config.indexKeys().prefix()).isEqualTo(IndexKeys.DEFAULT_PREFIX);
    assertThat(config.shardSinkGroup()).isEqualTo("backbone-topology-shard-sink");
    assertThat(config.indexSinkGroup()).isEqualTo("backbone-topology-index-sink");
  }

  @Test
  void shouldNameTheMissingKeyAndHowToSetIt() {
    assertThatThrownBy(() -> AppConfig.from(new ConfigSource(new Properties(), Map.of(), new Properties())))
        .hasMessageContaining("backbone.streams.bootstrap-servers is not set")
        .hasMessageContaining("-Dbackbone.streams.bootstrap-servers=")
        .hasMessageContaining("BACKBONE_STREAMS_BOOTSTRAP_SERVERS");
  }

  @Test
  void shouldNameTheKeyAndValueOfAnInvalidSetting() {
    Properties file = props(Map.of("backbone.streams.bootstrap-servers", "k:9092", "backbone.streams.state-dir", "/s",
        "backbone.shard.0.jdbc-url", SHARD0, "backbone.redis.sentinel-uri", "redis-sentinel://r:26379?sentinelMasterId=m",
        "backbone.shard-sink.max-pending", "lots"));
    assertThatThrownBy(() -> AppConfig.from(new ConfigSource(new Properties(), Map.of(), file)))
        .hasMessage("backbone.shard-sink.max-pending (env BACKBONE_SHARD_SINK_MAX_PENDING) must be an integer but was 'lots'");

    file.setProperty("backbone.shard-sink.max-pending", "10");
    file.setProperty("backbone.index-sink.min-backoff", "soon");
    assertThatThrownBy(() -> AppConfig.from(new ConfigSource(new Properties(), Map.of(), file)))
        .hasMessageStartingWith("backbone.index-sink.min-backoff (env BACKBONE_INDEX_SINK_MIN_BACKOFF) must be a duration like");

    file.remove("backbone.index-sink.min-backoff");
    file.setProperty("backbone.index-sink.min-replicas", "-1");
    assertThatThrownBy(() -> AppConfig.from(new ConfigSource(new Properties(), Map.of(), file)))
        .hasMessage("backbone.index-sink.min-replicas must be >= 0 (0: no replica confirms index writes) but was -1");

    file.remove("backbone.index-sink.min-replicas");
    file.remove("backbone.shard.0.jdbc-url");
    assertThatThrownBy(() -> AppConfig.from(new ConfigSource(new Properties(), Map.of(), file)))
        .hasMessageContaining("backbone.shard.0.jdbc-url is not set");
  }

  @Test
  void shouldRejectAGapInTheShardNumbersInsteadOfRoutingOverFewerShards() {
    Properties file = props(Map.of("backbone.streams.bootstrap-servers", "k:9092", "backbone.streams.state-dir", "/s",
        "backbone.shard.0.jdbc-url", SHARD0, "backbone.shard.1.jdbc-url", SHARD1, "backbone.shard.3.jdbc-url", SHARD1,
        "backbone.redis.sentinel-uri", "redis-sentinel://r:26379?sentinelMasterId=m"));

    assertThatThrownBy(() -> AppConfig.from(new ConfigSource(new Properties(), Map.of(), file)))
        .hasMessageStartingWith("shard JDBC URLs are set for shards [0, 1, 3] but not for shard 2: set backbone.shard.2.jdbc-url"
            + " (env BACKBONE_SHARD_2_JDBC_URL)");
  }

  @Test
  void shouldRedactThePasswordInToString() {
    Properties file = props(Map.of("backbone.streams.bootstrap-servers", "k:9092", "backbone.streams.state-dir", "/s",
        "backbone.shard.0.jdbc-url", SHARD0, "backbone.redis.sentinel-uri", "redis-sentinel://r:26379?sentinelMasterId=m",
        "backbone.shard.password", "hunter2"));
    assertThat(AppConfig.from(new ConfigSource(new Properties(), Map.of(), file)).toString())
        .doesNotContain("hunter2").contains("shardPassword=***");
  }

  @Test
  void shouldFindEveryIndexOfAnIndexedKeyInEverySourceSoGapsCanBeRejected() {
    ConfigSource source = new ConfigSource(props(Map.of("backbone.shard.0.jdbc-url", SHARD0)),
        Map.of("BACKBONE_SHARD_2_JDBC_URL", SHARD1, "BACKBONE_SHARD_X_JDBC_URL", "x"),
        props(Map.of("backbone.shard.5.jdbc-url", SHARD1, "backbone.shard.6.jdbc-url", " ")));

    assertThat(source.indexes("backbone.shard.", ".jdbc-url")).containsExactly(0, 2, 5);
  }

  private static Properties props(Map<String, String> values) {
    Properties props = new Properties();
    props.putAll(values);
    return props;
  }
}
