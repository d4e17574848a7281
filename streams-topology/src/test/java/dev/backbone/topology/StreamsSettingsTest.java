package dev.backbone.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
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
  void shouldLingerForTheCommitIntervalBecauseTheCommitSendsWhatWaits() {
    Properties props = new StreamsSettings("app", "localhost:9092", Path.of("/tmp/state"),
        StreamsSettings.DEFAULT_SESSION_TIMEOUT, Duration.ofSeconds(2)).toProperties();

    assertThat(new StreamsConfig(props).getProducerConfigs("client"))
        .containsEntry("linger.ms", 2_000)
        .containsEntry("batch.size", 131_072)
        .containsEntry("compression.type", "zstd");
  }

  @Test
  void shouldRejectABlankBootstrapServersNamingKeyAndValue() {
    assertThatThrownBy(() -> new StreamsSettings("app", " ", Path.of("/tmp/state")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backbone.streams.bootstrap-servers must be set but was ' '");
  }

  @Test
  void shouldDetectACrashedMemberWithinTheSessionTimeoutHeartbeatingAThirdOfIt() {
    Properties props = new StreamsSettings("app", "localhost:9092", Path.of("/tmp/state")).toProperties();
    Properties shortSession = new StreamsSettings("app", "localhost:9092", Path.of("/tmp/state"), Duration.ofSeconds(6),
        StreamsSettings.DEFAULT_COMMIT_INTERVAL).consumerGroupProperties();

    assertThat(new StreamsConfig(props).getMainConsumerConfigs("app", "client", 0))
        .containsEntry("session.timeout.ms", 15_000)
        .containsEntry("heartbeat.interval.ms", 3_000);
    assertThat(shortSession).containsEntry("session.timeout.ms", 6_000).containsEntry("heartbeat.interval.ms", 2_000);
  }

  @Test
  void shouldRejectASessionTimeoutTheBrokersWouldRefuseNamingKeyAndLimits() {
    assertThatThrownBy(() -> new StreamsSettings("app", "localhost:9092", Path.of("/tmp/state"), Duration.ofSeconds(2),
        StreamsSettings.DEFAULT_COMMIT_INTERVAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backbone.streams.session-timeout must be between 6s (the brokers' group.min.session.timeout.ms) "
            + "and 5m but was PT2S");
  }

  @Test
  void shouldCommitEveryHalfSecondByDefaultAndRejectAnIntervalBeyondTheTransactionTimeout() {
    Properties props = new StreamsSettings("app", "localhost:9092", Path.of("/tmp/state")).toProperties();

    assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(500L);
    assertThatThrownBy(() -> new StreamsSettings("app", "localhost:9092", Path.of("/tmp/state"),
        StreamsSettings.DEFAULT_SESSION_TIMEOUT, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backbone.streams.commit-interval must be between 10ms and 5s (well within the 10 s transaction "
            + "timeout) but was PT30S");
  }
}
