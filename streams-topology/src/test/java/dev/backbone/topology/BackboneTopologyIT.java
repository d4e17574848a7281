package dev.backbone.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventIdGenerator;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The topology on the real 3-broker cluster with exactly_once_v2: changes out, bad input to the DLQ. */
@ExtendWith(LocalStackExtension.class)
class BackboneTopologyIT {

  private static final int CUSTOMERS = 200;
  private static final int GARBAGE = 20;

  private final TestStack stack;

  BackboneTopologyIT(TestStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldFoldValidEventsOnceAndDeadLetterGarbageWithoutBlocking() throws Exception {
    String run = stack.uniqueName("run");
    String bootstrap = stack.kafka().bootstrapServers();
    EventEnvelopeCodec codec = new EventEnvelopeCodec(new EventValidator());
    EventIdGenerator ids = new EventIdGenerator(Clock.systemUTC());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < CUSTOMERS; i++) {
        String customer = run + "-" + i;
        EncodedEvent event = codec.encode(new EventEnvelope(ids.next(), URI.create("/services/it"),
            EventType.CUSTOMER_REGISTERED, AggregateId.of(customer), Sequence.of(1), Instant.now(), data(customer)));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(event.topic(), null, event.key(), event.value(),
            event.headers());
        producer.send(record);
        producer.send(record);
        if (i % (CUSTOMERS / GARBAGE) == 0) {
          producer.send(new ProducerRecord<>(event.topic(), event.key(), ("garbage " + run).getBytes(UTF_8)));
        }
      }
      producer.flush();
    }

    Path stateDir = Files.createTempDirectory("streams-it");
    StreamsBuilder builder = new StreamsBuilder();
    BackboneTopology.build(builder, TopologyConfig.defaults());
    try (KafkaStreams streams = new KafkaStreams(builder.build(),
        new StreamsSettings(run, bootstrap, stateDir).toProperties())) {
      streams.start();

      Set<String> changed = new HashSet<>();
      int changes = 0;
      int letters = 0;
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, run + "-check",
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
          new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of(OutputTopic.CUSTOMER_CHANGES.topicName(), OutputTopic.DLQ.topicName()));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        long settleUntil = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, settleUntil)) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            String key = record.key() == null ? "" : new String(record.key(), UTF_8);
            if (!key.startsWith(run + "-")) {
              continue;
            }
            if (record.topic().equals(OutputTopic.DLQ.topicName())) {
              letters++;
            } else {
              changes++;
              changed.add(key);
            }
          }
          if (settleUntil == Long.MAX_VALUE && changes >= CUSTOMERS && letters >= GARBAGE) {
            settleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
          }
        }
      }
      assertThat(changed).hasSize(CUSTOMERS);
      assertThat(changes).as("each registration folded once, duplicates dropped").isEqualTo(CUSTOMERS);
      assertThat(letters).isEqualTo(GARBAGE);
    }
  }

  private static ObjectNode data(String customer) throws Exception {
    return (ObjectNode) JsonMapper.builder().build().readTree(
        "{\"customerId\":\"" + customer + "\",\"email\":\"" + customer + "@example.com\",\"fullName\":\"Ada\"}");
  }
}
