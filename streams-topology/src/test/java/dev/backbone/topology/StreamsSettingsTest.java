package dev.backbone.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  @Test
  void shouldRunExactlyOnceWithReplicatedInternalTopics() {
    Properties props = new StreamsSettings("app", "localhost:9092", Path.of("/tmp/state")).toProperties();

    StreamsConfig config = new StreamsConfig(props);
    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
    assertThat(config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
    assertThat(props.get("topic.min.insync.replicas")).isEqualTo("2");
  }

  @Test
  void shouldRejectABlankBootstrapServersNamingKeyAndValue() {
    assertThatThrownBy(() -> new StreamsSettings("app", " ", Path.of("/tmp/state")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backbone.streams.bootstrap-servers must be set but was ' '");
  }
}
