package dev.backbone.topology;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
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
 */
public record StreamsSettings(String applicationId, String bootstrapServers, Path stateDir) {

  /** Default {@code application-id}. */
  public static final String DEFAULT_APPLICATION_ID = "backbone-topology";

  /** Validates every setting, naming the key and the value on error. */
  public StreamsSettings {
    requireText("backbone.streams.application-id", applicationId);
    requireText("backbone.streams.bootstrap-servers", bootstrapServers);
    Objects.requireNonNull(stateDir, "backbone.streams.state-dir must be set");
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
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
    return props;
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must be set but was '" + value + "'");
    }
  }
}
