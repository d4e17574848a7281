package dev.backbone.topology.app;

import dev.backbone.index.IndexKeys;
import dev.backbone.index.RedisCredentials;
import dev.backbone.topology.StreamsSettings;
import dev.backbone.topology.TopologyConfig;
import dev.backbone.topology.index.IndexSinkConfig;
import dev.backbone.topology.shard.ShardSinkConfig;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Everything {@link BackboneApp} needs, typed and validated at start-up. Keys and defaults are
 * listed in {@code docs/streams-topology.md}; {@link #from} reads them from a {@link ConfigSource}.
 *
 * @param streams {@code backbone.streams.*}
 * @param kafkaSecurity {@code backbone.kafka.*}: TLS and SASL of every Kafka client of the app
 * @param topology {@code backbone.topology.*}
 * @param shardJdbcUrls {@code backbone.shard.<i>.jdbc-url}, i = 0, 1, … (one per shard, in order)
 * @param shardUser {@code backbone.shard.user}
 * @param shardPassword {@code backbone.shard.password}
 * @param shardSink {@code backbone.shard-sink.*}
 * @param breakerWait {@code backbone.shard-sink.breaker-wait}: how long an open shard breaker waits
 *     before a trial write
 * @param redisSentinelUri {@code backbone.redis.sentinel-uri}
 * @param redisCredentials {@code backbone.redis.username}, {@code backbone.redis.password} (ACL user on the
 *     data nodes) and {@code backbone.redis.sentinel-password} (the Sentinels' requirepass)
 * @param indexKeys {@code backbone.index.key-prefix}
 * @param indexSink {@code backbone.index-sink.*} and {@code backbone.index.timeout}
 * @param healthPort {@code backbone.health.port}: 0 = any free port, -1 = no health endpoint
 */
public record AppConfig(StreamsSettings streams, KafkaSecurity kafkaSecurity, TopologyConfig topology, List<String> shardJdbcUrls, String shardUser,
    String shardPassword, ShardSinkConfig shardSink, Duration breakerWait, String redisSentinelUri, RedisCredentials redisCredentials, IndexKeys indexKeys,
    IndexSinkConfig indexSink, int healthPort) {

  /** Default {@code backbone.shard.user}. */
  public static final String DEFAULT_SHARD_USER = "backbone";
  /** Default {@code backbone.shard-sink.breaker-wait}: 5 s. */
  public static final Duration DEFAULT_BREAKER_WAIT = Duration.ofSeconds(5);
  /** Default {@code backbone.health.port}. */
  public static final int DEFAULT_HEALTH_PORT = 8081;

  /** Validates what the component records do not. */
  public AppConfig {
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(kafkaSecurity, "kafkaSecurity");
    Objects.requireNonNull(topology, "topology");
    shardJdbcUrls = List.copyOf(shardJdbcUrls);
    if (shardJdbcUrls.isEmpty()) {
      throw new IllegalArgumentException(ShardJdbcUrls.key(0) + " is not set: name every shard's JDBC URL as "
          + "backbone.shard.<i>.jdbc-url, i = 0, 1, …");
    }
    for (int i = 0; i < shardJdbcUrls.size(); i++) {
      if (!shardJdbcUrls.get(i).startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(ShardJdbcUrls.key(i) + " must start with jdbc:postgresql: but was '"
            + shardJdbcUrls.get(i) + "'");
      }
    }
    Objects.requireNonNull(shardUser, "backbone.shard.user must be set");
    Objects.requireNonNull(shardPassword, "backbone.shard.password must be set");
    Objects.requireNonNull(shardSink, "shardSink");
    if (breakerWait.isNegative() || breakerWait.isZero()) {
      throw new IllegalArgumentException("backbone.shard-sink.breaker-wait must be > 0 but was " + breakerWait);
    }
    try {
      RedisURI.create(redisSentinelUri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("backbone.redis.sentinel-uri must be a Redis URI like "
          + "redis-sentinel://host:26379?sentinelMasterId=mymaster but was '" + redisSentinelUri + "'", e);
    }
    Objects.requireNonNull(redisCredentials, "redisCredentials");
    Objects.requireNonNull(indexKeys, "indexKeys");
    Objects.requireNonNull(indexSink, "indexSink");
    if (healthPort < -1 || healthPort > 65_535) {
      throw new IllegalArgumentException("backbone.health.port must be -1 (off), 0 (any) or a port but was " + healthPort);
    }
  }

  /** Reads and validates every key; the first missing or invalid one fails, naming itself. */
  static AppConfig from(ConfigSource source) {
    StreamsSettings streams = new StreamsSettings(
        source.string("backbone.streams.application-id", StreamsSettings.DEFAULT_APPLICATION_ID),
        source.required("backbone.streams.bootstrap-servers", "host1:9092,host2:9092"),
        Path.of(source.required("backbone.streams.state-dir", "/var/lib/backbone/streams")),
        source.duration("backbone.streams.session-timeout", StreamsSettings.DEFAULT_SESSION_TIMEOUT),
        source.duration("backbone.streams.commit-interval", StreamsSettings.DEFAULT_COMMIT_INTERVAL));
    TopologyConfig topology = new TopologyConfig(
        source.duration("backbone.topology.dedup-ttl", TopologyConfig.DEFAULT_DEDUP_TTL),
        source.integer("backbone.topology.max-record-bytes", TopologyConfig.DEFAULT_MAX_RECORD_BYTES));
    List<String> urls = ShardJdbcUrls.read(source);
    ShardSinkConfig shardSink = new ShardSinkConfig(
        source.duration("backbone.shard-sink.poll-timeout", ShardSinkConfig.DEFAULT_POLL_TIMEOUT),
        source.integer("backbone.shard-sink.max-pending", ShardSinkConfig.DEFAULT_MAX_PENDING));
    IndexSinkConfig indexSink = new IndexSinkConfig(
        source.duration("backbone.index-sink.poll-timeout", IndexSinkConfig.DEFAULT_POLL_TIMEOUT),
        source.duration("backbone.index.timeout", IndexSinkConfig.DEFAULT_WRITE_TIMEOUT),
        source.duration("backbone.index-sink.min-backoff", IndexSinkConfig.DEFAULT_MIN_BACKOFF),
        source.duration("backbone.index-sink.max-backoff", IndexSinkConfig.DEFAULT_MAX_BACKOFF),
        source.integer("backbone.index-sink.min-replicas", IndexSinkConfig.DEFAULT_MIN_REPLICAS));
    return new AppConfig(streams, KafkaSecurity.from(source), topology, urls,
        source.string("backbone.shard.user", DEFAULT_SHARD_USER), source.string("backbone.shard.password", ""),
        shardSink, source.duration("backbone.shard-sink.breaker-wait", DEFAULT_BREAKER_WAIT),
        source.required("backbone.redis.sentinel-uri", "redis-sentinel://host:26379?sentinelMasterId=mymaster"),
        RedisCredentials.fromSettings("backbone.redis.", source.string("backbone.redis.username", ""),
            source.string("backbone.redis.password", ""), source.string("backbone.redis.sentinel-password", "")),
        new IndexKeys(source.string("backbone.index.key-prefix", IndexKeys.DEFAULT_PREFIX)), indexSink,
        source.integer("backbone.health.port", DEFAULT_HEALTH_PORT));
  }

  /** The Kafka Streams properties, with the clients' security. */
  public Properties streamsProperties() {
    Properties props = streams.toProperties();
    kafkaSecurity.applyTo(props);
    return props;
  }

  /**
   * A sink consumer's properties: {@code group} reading the change topics after their transactions
   * committed, offsets committed by the sink only after its write is durable.
   */
  public Map<String, Object> sinkConsumerProperties(String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, streams.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    streams.consumerGroupProperties().forEach((key, value) -> props.put((String) key, value));
    kafkaSecurity.applyTo(props);
    return props;
  }

  /** Consumer group of the shard sink: {@code <application-id>-shard-sink}. */
  public String shardSinkGroup() {
    return streams.applicationId() + "-shard-sink";
  }

  /** Consumer group of the index sink: {@code <application-id>-index-sink}. */
  public String indexSinkGroup() {
    return streams.applicationId() + "-index-sink";
  }

  /** For logs: the password is redacted. */
  @Override
  public String toString() {
    return "AppConfig[streams=" + streams + ", kafka=" + kafkaSecurity + ", topology=" + topology + ", shards=" + shardJdbcUrls + ", shardUser="
        + shardUser + ", shardPassword=" + (shardPassword.isEmpty() ? "" : "***") + ", shardSink=" + shardSink
        + ", breakerWait=" + breakerWait + ", redis=" + redisSentinelUri + " " + redisCredentials + ", index=" + indexKeys + ", indexSink="
        + indexSink + ", healthPort=" + healthPort + "]";
  }
}
