package dev.backbone.topology;

import static dev.backbone.topology.TopologyFixture.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.codec.CloudEventHeaders;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.topology.internal.DeadLetterProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterTest {

  private static final int MAX_RECORD_BYTES = 2_000;

  private final TopologyFixture fixture =
      new TopologyFixture(TopologyConfig.defaults().withMaxRecordBytes(MAX_RECORD_BYTES));

  @AfterEach
  void close() {
    fixture.close();
  }

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        Arguments.of("MALFORMED_JSON", (UnaryOperator<EncodedEvent>) e -> withValue(e, "{not json".getBytes(UTF_8))),
        Arguments.of("MISSING_ATTRIBUTE", (UnaryOperator<EncodedEvent>) e -> withoutHeader(e, CloudEventHeaders.ID)),
        Arguments.of("MALFORMED_ATTRIBUTE",
            (UnaryOperator<EncodedEvent>) e -> withHeader(e, CloudEventHeaders.TIME, "yesterday")),
        Arguments.of("UNKNOWN_TYPE",
            (UnaryOperator<EncodedEvent>) e -> withHeader(e, CloudEventHeaders.TYPE, "com.acme.customer.vanished.v9")),
        Arguments.of("SCHEMA_VIOLATION", (UnaryOperator<EncodedEvent>) e -> withValue(e,
            "{\"customerId\":\"c-1\",\"email\":\"not-an-email\",\"fullName\":\"Ada\"}".getBytes(UTF_8))),
        Arguments.of("OVERSIZED",
            (UnaryOperator<EncodedEvent>) e -> withValue(e, new byte[MAX_RECORD_BYTES + 1])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInputs")
  void shouldDeadLetterInvalidInputWithReasonSourcePositionAndOriginalBytes(
      String reason, UnaryOperator<EncodedEvent> corrupt) {
    EncodedEvent bad = corrupt.apply(TopologyFixture.encode(fixture.registered("c-1", 1, "ada@example.com")));

    fixture.sendRaw(bad.topic(), bad.key(), bad.headers(), bad.value(), 0);

    TestRecord<byte[], byte[]> letter = fixture.dlq.readRecord();
    assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo(reason);
    assertThat(text(letter, DeadLetterHeaders.DETAIL)).isNotBlank();
    assertThat(text(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("backbone.customers.v1");
    assertThat(text(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(text(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(letter.value()).isEqualTo(bad.value());
    assertThat(letter.key()).isEqualTo(bad.key());
    assertThat(fixture.customerChanges.isEmpty()).isTrue();
    assertThat(deadLetterCount(reason)).isEqualTo(1.0);
  }

  @Test
  void shouldKeepTheOriginalHeadersOnTheDeadLetter() {
    EncodedEvent bad = withHeader(TopologyFixture.encode(fixture.registered("c-1", 1, "ada@example.com")),
        CloudEventHeaders.TYPE, "com.acme.customer.vanished.v9");

    fixture.sendRaw(bad.topic(), bad.key(), bad.headers(), bad.value(), 0);

    assertThat(text(fixture.dlq.readRecord(), CloudEventHeaders.TYPE)).isEqualTo("com.acme.customer.vanished.v9");
  }

  @Test
  void shouldProcessValidEventsBehindInvalidOnes() {
    EncodedEvent valid = TopologyFixture.encode(fixture.registered("c-2", 1, "bob@example.com"));

    fixture.sendRaw(valid.topic(), valid.key(), valid.headers(), "garbage".getBytes(UTF_8), 0);
    fixture.sendRaw(valid.topic(), null, List.of(), null, 0);
    fixture.sendRaw(valid.topic(), valid.key(), valid.headers(), valid.value(), 0);

    assertThat(fixture.dlq.readRecordsToList()).hasSize(2);
    assertThat(fixture.customerChanges.readValue().after().email()).isEqualTo("bob@example.com");
  }

  @Test
  void shouldDeadLetterAnEventWhoseSequenceGoesBackwards() {
    fixture.send(fixture.registered("c-1", 1, "ada@example.com"));
    fixture.send(fixture.emailChanged("c-1", 3, "ada@example.com", "ada@new-example.com"));
    EventEnvelope late = fixture.emailChanged("c-1", 2, "ada@example.com", "ada@old-example.com");

    fixture.send(late);

    TestRecord<byte[], byte[]> letter = fixture.dlq.readRecord();
    assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo(FoldRejection.SEQUENCE_BEHIND.name());
    assertThat(text(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("2");
    assertThat(letter.value()).isEqualTo(TopologyFixture.encode(late).value());
    assertThat(fixture.customerChanges.readValuesToList()).hasSize(2);
  }

  @Test
  void shouldDeadLetterAnOrderChangeBeforeTheOrderExists() {
    fixture.send(fixture.orderPaid("c-1", "o-1", 2));

    TestRecord<byte[], byte[]> letter = fixture.dlq.readRecord();
    assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo(FoldRejection.ENTITY_NOT_FOUND.name());
    assertThat(text(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("backbone.orders.v1");
    assertThat(fixture.orderChanges.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterAValidEventOfAnotherTopicsTypeInsteadOfFailingTheFold() {
    // an order event written to the customers topic: valid to the codec, foldable by no customer folder
    EncodedEvent placed = TopologyFixture.encode(fixture.orderPlaced("c-1", "o-1"));
    EncodedEvent valid = TopologyFixture.encode(fixture.registered("c-1", 1, "ada@example.com"));

    fixture.sendRaw("backbone.customers.v1", placed.key(), placed.headers(), placed.value(), 0);
    fixture.sendRaw(valid.topic(), valid.key(), valid.headers(), valid.value(), 0);

    TestRecord<byte[], byte[]> letter = fixture.dlq.readRecord();
    assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo(InputRejection.WRONG_TOPIC.name());
    assertThat(text(letter, DeadLetterHeaders.DETAIL)).contains("com.acme.order.placed.v1", "backbone.orders.v1");
    assertThat(letter.value()).isEqualTo(placed.value());
    assertThat(deadLetterCount(InputRejection.WRONG_TOPIC.name())).isEqualTo(1.0);
    assertThat(fixture.customerChanges.readValue().after().email()).isEqualTo("ada@example.com");
  }

  private double deadLetterCount(String reason) {
    return fixture.driver.metrics().entrySet().stream()
        .filter(e -> isDeadLetterCount(e.getKey(), reason))
        .map(Map.Entry::getValue)
        .map(Metric::metricValue)
        .mapToDouble(v -> (Double) v)
        .sum();
  }

  private static boolean isDeadLetterCount(MetricName name, String reason) {
    return name.name().equals(DeadLetterProcessor.METRIC) && reason.equals(name.tags().get("reason"));
  }

  private static EncodedEvent withValue(EncodedEvent event, byte[] value) {
    return new EncodedEvent(event.topic(), event.key(), event.headers(), value);
  }

  private static EncodedEvent withoutHeader(EncodedEvent event, String name) {
    List<Header> headers = new ArrayList<>(event.headers());
    headers.removeIf(h -> h.key().equals(name));
    return new EncodedEvent(event.topic(), event.key(), headers, event.value());
  }

  private static EncodedEvent withHeader(EncodedEvent event, String name, String value) {
    List<Header> headers = new ArrayList<>(withoutHeader(event, name).headers());
    headers.add(new RecordHeader(name, value.getBytes(UTF_8)));
    return new EncodedEvent(event.topic(), event.key(), headers, event.value());
  }
}
