package dev.backbone.topology;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.topology.internal.JsonSerde;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A {@link TopologyTestDriver} over {@link BackboneTopology} plus builders of valid events. */
final class TopologyFixture implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final EventEnvelopeCodec CODEC = new EventEnvelopeCodec(new EventValidator());
  private static final JavaType CUSTOMER_CHANGE =
      JsonSerde.MAPPER.getTypeFactory().constructParametricType(EntityChange.class, CustomerState.class);
  private static final JavaType ORDER_CHANGE =
      JsonSerde.MAPPER.getTypeFactory().constructParametricType(EntityChange.class, OrderState.class);
  private static final JavaType PAYMENT_CHANGE =
      JsonSerde.MAPPER.getTypeFactory().constructParametricType(EntityChange.class, PaymentState.class);

  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> customers;
  final TestInputTopic<byte[], byte[]> orders;
  final TestInputTopic<byte[], byte[]> payments;
  final TestOutputTopic<byte[], byte[]> dlq;
  final TestOutputTopic<String, EntityChange<CustomerState>> customerChanges;
  final TestOutputTopic<String, EntityChange<OrderState>> orderChanges;
  final TestOutputTopic<String, EntityChange<PaymentState>> paymentChanges;
  private long nextId = 1;

  TopologyFixture(TopologyConfig config) {
    this(config, OpenTelemetry.noop());
  }

  TopologyFixture(TopologyConfig config, OpenTelemetry openTelemetry) {
    StreamsBuilder builder = new StreamsBuilder();
    BackboneTopology.build(builder, config, openTelemetry);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    // A directory of its own: the default (/tmp/kafka-streams/topology-test) is shared by every
    // build on the machine, and a second one holding its RocksDB lock failed every test here.
    props.put(StreamsConfig.STATE_DIR_CONFIG, newStateDir().toString());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(builder.build(), props, T0);
    customers = driver.createInputTopic("backbone.customers.v1", new ByteArraySerializer(), new ByteArraySerializer());
    orders = driver.createInputTopic("backbone.orders.v1", new ByteArraySerializer(), new ByteArraySerializer());
    payments = driver.createInputTopic("backbone.payments.v1", new ByteArraySerializer(), new ByteArraySerializer());
    dlq = driver.createOutputTopic(OutputTopic.DLQ.topicName(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    customerChanges = driver.createOutputTopic(OutputTopic.CUSTOMER_CHANGES.topicName(), new StringDeserializer(),
        JsonSerde.<EntityChange<CustomerState>>of(CUSTOMER_CHANGE).deserializer());
    orderChanges = driver.createOutputTopic(OutputTopic.ORDER_CHANGES.topicName(), new StringDeserializer(),
        JsonSerde.<EntityChange<OrderState>>of(ORDER_CHANGE).deserializer());
    paymentChanges = driver.createOutputTopic(OutputTopic.PAYMENT_CHANGES.topicName(), new StringDeserializer(),
        JsonSerde.<EntityChange<PaymentState>>of(PAYMENT_CHANGE).deserializer());
  }

  TopologyFixture() {
    this(TopologyConfig.defaults());
  }

  private static Path newStateDir() {
    try {
      Path dir = Files.createTempDirectory("topology-test-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory for the TopologyTestDriver", e);
    }
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JsonMapper.builder().build().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  EventEnvelope event(EventType type, String customerId, long sequence, String data) {
    EventId id = new EventId(new UUID(0x0192f1c47a4e7000L | nextId, 0x8000000000000000L | nextId));
    nextId++;
    return new EventEnvelope(id, URI.create("/services/test"), type, AggregateId.of(customerId), Sequence.of(sequence),
        T0, json(data));
  }

  EventEnvelope registered(String customerId, long sequence, String email) {
    return event(EventType.CUSTOMER_REGISTERED, customerId, sequence,
        "{\"customerId\":\"%s\",\"email\":\"%s\",\"fullName\":\"Ada Lovelace\"}".formatted(customerId, email));
  }

  EventEnvelope emailChanged(String customerId, long sequence, String previous, String email) {
    return event(EventType.CUSTOMER_EMAIL_CHANGED, customerId, sequence,
        "{\"customerId\":\"%s\",\"previousEmail\":\"%s\",\"email\":\"%s\"}".formatted(customerId, previous, email));
  }

  EventEnvelope deleted(String customerId, long sequence) {
    return event(EventType.CUSTOMER_DELETED, customerId, sequence,
        "{\"customerId\":\"%s\",\"reason\":\"CUSTOMER_REQUEST\"}".formatted(customerId));
  }

  EventEnvelope orderPlaced(String customerId, String orderId) {
    return event(EventType.ORDER_PLACED, customerId, 1, """
        {"orderId":"%s","customerId":"%s","currency":"EUR","totalMinor":2500,
         "items":[{"sku":"sku-1","quantity":2,"unitPriceMinor":1250}]}""".formatted(orderId, customerId));
  }

  EventEnvelope orderPaid(String customerId, String orderId, long sequence) {
    return event(EventType.ORDER_PAID, customerId, sequence, """
        {"orderId":"%s","customerId":"%s","paymentId":"p-1","amountMinor":2500,"currency":"EUR"}"""
        .formatted(orderId, customerId));
  }

  EventEnvelope paymentCaptured(String customerId, String paymentId, String orderId) {
    return event(EventType.PAYMENT_CAPTURED, customerId, 1, """
        {"paymentId":"%s","orderId":"%s","customerId":"%s","amountMinor":2500,"currency":"EUR","method":"CARD"}"""
        .formatted(paymentId, orderId, customerId));
  }

  EventEnvelope paymentRefunded(String customerId, String paymentId, String orderId, long sequence) {
    return event(EventType.PAYMENT_REFUNDED, customerId, sequence, """
        {"paymentId":"%s","orderId":"%s","customerId":"%s","amountMinor":2500,"currency":"EUR",
         "reason":"order cancelled"}""".formatted(paymentId, orderId, customerId));
  }

  /** Pipes a valid event to its topic with record time {@code T0 + offsetMillis}. */
  void send(EventEnvelope event, long offsetMillis) {
    EncodedEvent encoded = CODEC.encode(event);
    sendRaw(event.topic().topicName(), encoded.key(), encoded.headers(), encoded.value(), offsetMillis);
  }

  void send(EventEnvelope event) {
    send(event, 0);
  }

  void sendRaw(String topic, byte[] key, List<Header> headers, byte[] value, long offsetMillis) {
    TestInputTopic<byte[], byte[]> input = switch (topic) {
      case "backbone.orders.v1" -> orders;
      case "backbone.payments.v1" -> payments;
      default -> customers;
    };
    input.pipeInput(new TestRecord<>(key, value, new RecordHeaders(headers.toArray(Header[]::new)),
        T0.plusMillis(offsetMillis)));
  }

  static String text(TestRecord<?, ?> record, String header) {
    Header found = record.headers().lastHeader(header);
    return found == null ? null : new String(found.value(), UTF_8);
  }

  static EncodedEvent encode(EventEnvelope event) {
    return CODEC.encode(event);
  }

  @Override
  public void close() {
    driver.close();
  }
}
