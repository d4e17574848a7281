package dev.backbone.topology.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

  @Test
  void shouldSpeakPlaintextWhenNothingIsSet() {
    KafkaSecurity security = KafkaSecurity.from(source(Map.of()));
    Map<String, Object> props = new HashMap<>();

    security.applyTo(props);

    assertThat(security).isEqualTo(KafkaSecurity.PLAINTEXT);
    assertThat(props).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void shouldGiveAKafkaClientTlsAndScramItAccepts() throws Exception {
    KafkaSecurity security = KafkaSecurity.from(source(Map.of("BACKBONE_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
        "BACKBONE_KAFKA_USERNAME", "streams-topology", "BACKBONE_KAFKA_PASSWORD", "pa\"ss\\word",
        "BACKBONE_KAFKA_CA_FILE", testCa().toString())));
    Map<String, Object> props = new HashMap<>();

    security.applyTo(props);

    assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"streams-topology\" password=\"pa\\\"ss\\\\word\";")
        .containsEntry("ssl.truststore.type", "PEM").containsEntry("ssl.truststore.location", testCa().toString());
    // The real client parses the JAAS line and loads the CA while it is built (no broker needed).
    props.put("bootstrap.servers", "127.0.0.1:9");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      assertThat(consumer.metrics()).isNotEmpty();
    }
    assertThat(security.toString()).contains("SCRAM-SHA-512 as streams-topology", "password=***").doesNotContain("pa\"ss");
  }

  @Test
  void shouldNameTheKeyAndTheFixForEveryBadCombination() throws Exception {
    assertThatThrownBy(() -> KafkaSecurity.from(source(Map.of("BACKBONE_KAFKA_SECURITY_PROTOCOL", "TLS"))))
        .hasMessageContaining("backbone.kafka.security-protocol must be one of [PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL] but was 'TLS'");
    assertThatThrownBy(() -> KafkaSecurity.from(source(Map.of("BACKBONE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "BACKBONE_KAFKA_USERNAME", "streams-topology"))))
        .hasMessageContaining("SASL_SSL needs backbone.kafka.username and backbone.kafka.password");
    assertThatThrownBy(() -> KafkaSecurity.from(source(Map.of("BACKBONE_KAFKA_USERNAME", "u", "BACKBONE_KAFKA_PASSWORD", "p"))))
        .hasMessageContaining("backbone.kafka.security-protocol is PLAINTEXT, which sends no credentials: set it to SASL_SSL");
    assertThatThrownBy(() -> KafkaSecurity.from(source(Map.of("BACKBONE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
        "BACKBONE_KAFKA_USERNAME", "u", "BACKBONE_KAFKA_PASSWORD", "p", "BACKBONE_KAFKA_CA_FILE", testCa().toString()))))
        .hasMessageContaining("backbone.kafka.ca-file is set but backbone.kafka.security-protocol is SASL_PLAINTEXT");
    assertThatThrownBy(() -> KafkaSecurity.from(source(Map.of("BACKBONE_KAFKA_SECURITY_PROTOCOL", "SSL",
        "BACKBONE_KAFKA_CA_FILE", "/nowhere/ca.crt"))))
        .hasMessageContaining("backbone.kafka.ca-file /nowhere/ca.crt is not a readable file");
    assertThatThrownBy(() -> KafkaSecurity.from(source(Map.of("BACKBONE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "BACKBONE_KAFKA_USERNAME", "u", "BACKBONE_KAFKA_PASSWORD", "p", "BACKBONE_KAFKA_SASL_MECHANISM", "GSSAPI"))))
        .hasMessageContaining("backbone.kafka.sasl-mechanism must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 but was 'GSSAPI'");
  }

  @Test
  void shouldSecureTheStreamsClientAndBothSinkConsumers() throws Exception {
    AppConfig config = AppConfig.from(source(Map.of("BACKBONE_STREAMS_BOOTSTRAP_SERVERS", "kafka:9093",
        "BACKBONE_STREAMS_STATE_DIR", "/s", "BACKBONE_SHARD_0_JDBC_URL", "jdbc:postgresql://h1:5432/backbone",
        "BACKBONE_REDIS_SENTINEL_URI", "redis-sentinel://r:26379?sentinelMasterId=m",
        "BACKBONE_KAFKA_SECURITY_PROTOCOL", "SSL", "BACKBONE_KAFKA_CA_FILE", testCa().toString())));

    Properties streams = config.streamsProperties();

    assertThat(streams).containsEntry("security.protocol", "SSL").containsEntry("ssl.truststore.location", testCa().toString())
        .containsEntry("processing.guarantee", "exactly_once_v2");
    for (String group : new String[] {config.shardSinkGroup(), config.indexSinkGroup()}) {
      assertThat(config.sinkConsumerProperties(group)).containsEntry("group.id", group)
          .containsEntry("isolation.level", "read_committed").containsEntry("security.protocol", "SSL")
          .containsEntry("ssl.truststore.type", "PEM");
    }
    assertThat(config.toString()).contains("kafka=KafkaSecurity[SSL, ca=" + testCa() + "]");
  }

  private static Path testCa() throws URISyntaxException {
    return Path.of(KafkaSecurityTest.class.getResource("/kafka-security/test-ca.crt").toURI());
  }

  private static ConfigSource source(Map<String, String> env) {
    return new ConfigSource(new Properties(), env, new Properties());
  }
}
