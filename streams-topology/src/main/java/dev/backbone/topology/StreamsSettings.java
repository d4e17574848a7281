package dev.backbone.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Typed, validated Kafka Streams settings of the backbone application ({@code backbone.streams.*})
 * and the {@link Properties} they imply. The fixed choices are the point: {@code exactly_once_v2}
 * (store updates, outputs and offsets commit together; see {@code docs/streams-topology.md}),
 * internal topics with RF 3 and {@code min.insync.replicas} 2 like the domain topics, one standby
 * replica per store for fast failover.
 *
 * @param applicationId {@code application-id}: consumer group and internal-topic prefix
 * @param bootstrapServers {@code bootstrap-servers}
 * @param stateDir {@code state-dir}: where RocksDB stores live
 * @param sessionTimeout {@code session-timeout}: how long the group waits for a silent member (a
 *     crashed instance) before moving its partitions to the others; also used by the sink loops' consumers
 * @param commitInterval {@code commit-interval}: how often a transaction (store updates, outputs,
 *     offsets) commits; the sinks see changes only then. The producer lingers as long: the commit
 *     sends what waits
 */
public record StreamsSettings(String applicationId, String bootstrapServers, Path stateDir, Duration sessionTimeout,
    Duration commitInterval) {

  /** Default {@code application-id}. */
  public static final String DEFAULT_APPLICATION_ID = "backbone-topology";
  /**
   * Default {@code session-timeout}: 15 s. Kafka's 45 s would stall a crashed instance's partitions
   * three times as long; heartbeats every 3 s still leave room for four lost in a row.
   */
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(15);
  /** The broker's default {@code group.min.session.timeout.ms}; shorter sessions are refused at join. */
  public static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);
  /** The consumer's default heartbeat interval, lowered for short sessions to a third of them. */
  private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(3);

  /**
   * Default {@code commit-interval}: 500 ms. Kafka's 100 ms for exactly-once means ten transactions a
   * second, each with markers on every touched partition and their replicas (measured on the local
   * stack at 60 events/s: 0.59 of a core for the brokers at 100 ms, 0.45 at 1 s). 500 ms halves that
   * rate and still leaves half of the 1 s produce-to-queryable p99 budget to the sinks.
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);
  /**
   * The Streams producer's {@code batch.size}: room for a commit interval's records of one partition
   * (at 2,000 events/s and 500 ms, ~170 records of ~300 B per changelog partition) without allocating
   * a megabyte per partition from the producer's 32 MiB buffer (54 partitions take output here).
   */
  static final int PRODUCER_BATCH_BYTES = 128 * 1024;
  /** Shortest and longest {@code commit-interval}: a transaction must commit well within its 10 s timeout. */
  private static final Duration MIN_COMMIT_INTERVAL = Duration.ofMillis(10);
  private static final Duration MAX_COMMIT_INTERVAL = Duration.ofSeconds(5);

  /** Settings with the default session timeout and commit interval. */
  public StreamsSettings(String applicationId, String bootstrapServers, Path stateDir) {
    this(applicationId, bootstrapServers, stateDir, DEFAULT_SESSION_TIMEOUT, DEFAULT_COMMIT_INTERVAL);
  }

  /** Validates every setting, naming the key and the value on error. */
  public StreamsSettings {
    requireText("backbone.streams.application-id", applicationId);
    requireText("backbone.streams.bootstrap-servers", bootstrapServers);
    Objects.requireNonNull(stateDir, "backbone.streams.state-dir must be set");
    Objects.requireNonNull(sessionTimeout, "backbone.streams.session-timeout must be set");
    if (sessionTimeout.compareTo(MIN_SESSION_TIMEOUT) < 0 || sessionTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("backbone.streams.session-timeout must be between 6s (the brokers' "
          + "group.min.session.timeout.ms) and 5m but was " + sessionTimeout);
    }
    Objects.requireNonNull(commitInterval, "backbone.streams.commit-interval must be set");
    if (commitInterval.compareTo(MIN_COMMIT_INTERVAL) < 0 || commitInterval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
      throw new IllegalArgumentException("backbone.streams.commit-interval must be between 10ms and 5s (well within "
          + "the 10 s transaction timeout) but was " + commitInterval);
    }
  }

  /** Group membership settings for any consumer of the application: session timeout and heartbeat. */
  public Properties consumerGroupProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    Duration heartbeat = sessionTimeout.dividedBy(3).compareTo(HEARTBEAT_INTERVAL) < 0 ? sessionTimeout.dividedBy(3)
        : HEARTBEAT_INTERVAL;
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) heartbeat.toMillis());
    return props;
  }

  /** The Kafka Streams properties. */
  public Properties toProperties() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
    props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), "2");
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
    // Under exactly_once_v2 a record is visible to the sinks (read_committed) only once its transaction
    // commits, and the commit flushes the producer: sending earlier buys no latency, only a produce
    // request (and its replication) per partition per linger. Streams' own linger is 100 ms; lingering
    // for the whole interval halved the brokers' CPU per event (docs/benchmarks.md, 2026-12-03).
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), (int) commitInterval.toMillis());
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
    consumerGroupProperties().forEach((key, value) -> props.put(StreamsConfig.mainConsumerPrefix((String) key), value));
    return props;
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must be set but was '" + value + "'");
    }
  }
}
