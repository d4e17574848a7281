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
import dev.backbone.contracts.codec.CloudEventHeaders;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.index.IndexKeys;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.index.IndexSinkConfig;
import dev.backbone.topology.index.IndexSinkLoop;
import dev.backbone.topology.index.IndexUpdates;
import dev.backbone.topology.shard.ShardSink;
import dev.backbone.topology.shard.ShardSinkConfig;
import dev.backbone.topology.shard.ShardSinkLoop;
import dev.backbone.topology.tracing.InMemoryTracing;
import dev.backbone.topology.tracing.SinkSpans;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace from the publisher to both sinks through the real 3-broker cluster: the fold span is a
 * child of the published {@code traceparent}, and each sink's span a child of the fold span, whose
 * context the change record carried through an {@code exactly_once_v2} transaction. Sinks write to
 * in-memory writers (no PostgreSQL or Redis); spans go to an in-memory exporter (no collector).
 */
@ExtendWith(LocalStackExtension.class)
class TracePropagationIT {

  private final TestStack stack;

  TracePropagationIT(TestStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldContinueThePublishersTraceThroughTheFoldIntoBothSinks() throws Exception {
    String run = stack.uniqueName("trace");
    String customer = run + "-c1";
    String bootstrap = stack.kafka().bootstrapServers();
    try (InMemoryTracing tracing = new InMemoryTracing()) {
      // given an event published with the traceparent of a publish span
      Span publish = tracing.openTelemetry().getTracer("it").spanBuilder("publish").startSpan();
      String traceparent = "00-" + publish.getSpanContext().getTraceId() + "-" + publish.getSpanContext().getSpanId()
          + "-01";
      publish.end();
      publish(bootstrap, customer, traceparent);

      // when the topology and both sink loops run
      Path stateDir = Files.createTempDirectory("trace-it");
      StreamsBuilder builder = new StreamsBuilder();
      BackboneTopology.build(builder, TopologyConfig.defaults(), tracing.openTelemetry());
      ShardRouter router = new ShardRouter(2);
      ShardSink shardSink = new ShardSink(router, Map.of(new ShardId(0), batch -> { }, new ShardId(1), batch -> { }),
          CircuitBreakerConfig.ofDefaults());
      try (KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsSettings(run, bootstrap, stateDir).toProperties());
          KafkaConsumer<String, byte[]> shardConsumer = sinkConsumer(bootstrap, run + "-shard-sink");
          KafkaConsumer<String, byte[]> indexConsumer = sinkConsumer(bootstrap, run + "-index-sink")) {
        streams.start();
        ShardSinkLoop shardLoop = new ShardSinkLoop(shardConsumer, shardSink, ShardSinkConfig.defaults(),
            tracing.openTelemetry());
        IndexSinkLoop indexLoop = new IndexSinkLoop(indexConsumer, ops -> { }, new IndexUpdates(new IndexKeys(run + ":")),
            IndexSinkConfig.defaults(), Clock.systemUTC(), tracing.openTelemetry());
        shardLoop.subscribe();
        indexLoop.subscribe();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && (sinkSpan(tracing, "shard", customer).isEmpty()
            || sinkSpan(tracing, "index", customer).isEmpty())) {
          shardLoop.pollOnce();
          indexLoop.pollOnce();
        }
      }

      // then publish → fold → shard-sink and index-sink form one trace
      SpanData fold = tracing.ended().stream()
          .filter(s -> s.getName().equals("fold com.acme.customer.registered.v1"))
          .filter(s -> customer.equals(s.getAttributes().get(AttributeKey.stringKey("backbone.aggregate.id"))))
          .findFirst().orElseThrow(() -> new AssertionError("no fold span for " + customer + " in " + tracing.ended()));
      assertThat(fold.getTraceId()).isEqualTo(publish.getSpanContext().getTraceId());
      assertThat(fold.getParentSpanId()).isEqualTo(publish.getSpanContext().getSpanId());
      for (String sink : List.of("shard", "index")) {
        SpanData written = sinkSpan(tracing, sink, customer)
            .orElseThrow(() -> new AssertionError("no " + sink + "-sink span for " + customer));
        assertThat(written.getTraceId()).as(sink).isEqualTo(fold.getTraceId());
        assertThat(written.getParentSpanId()).as(sink).isEqualTo(fold.getSpanId());
        assertThat(written.getAttributes().get(SinkSpans.OUTCOME)).as(sink).isEqualTo("durable");
      }
    }
  }

  private static Optional<SpanData> sinkSpan(InMemoryTracing tracing, String sink, String customer) {
    return tracing.ended().stream()
        .filter(s -> sink.equals(s.getAttributes().get(SinkSpans.SINK)))
        .filter(s -> customer.equals(s.getAttributes().get(SinkSpans.ENTITY_ID)))
        .findFirst();
  }

  private static void publish(String bootstrap, String customer, String traceparent) throws Exception {
    EncodedEvent event = new EventEnvelopeCodec(new EventValidator()).encode(new EventEnvelope(
        new EventIdGenerator(Clock.systemUTC()).next(), URI.create("/services/it"), EventType.CUSTOMER_REGISTERED,
        AggregateId.of(customer), Sequence.of(1), Instant.now(), data(customer)));
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(event.topic(), null, event.key(), event.value(),
        event.headers());
    record.headers().add(new RecordHeader(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(UTF_8)));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(record).get();
    }
  }

  private static KafkaConsumer<String, byte[]> sinkConsumer(String bootstrap, String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static ObjectNode data(String customer) throws Exception {
    return (ObjectNode) JsonMapper.builder().build().readTree(
        "{\"customerId\":\"" + customer + "\",\"email\":\"" + customer + "@example.com\",\"fullName\":\"Ada\"}");
  }
}
