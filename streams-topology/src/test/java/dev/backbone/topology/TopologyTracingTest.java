package dev.backbone.topology;

import static dev.backbone.topology.TopologyFixture.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.codec.CloudEventHeaders;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.topology.tracing.InMemoryTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fold span continues the publisher's trace and hands its own context to the change record. */
class TopologyTracingTest {

  private static final String TRACE_ID = InMemoryTracing.TRACE_ID;
  private static final String PUBLISH_SPAN_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = InMemoryTracing.traceparent(PUBLISH_SPAN_ID);
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("backbone.fold.outcome");

  private final InMemoryTracing tracing = new InMemoryTracing();
  private final TopologyFixture fixture = new TopologyFixture(TopologyConfig.defaults(), tracing.openTelemetry());

  @AfterEach
  void close() {
    fixture.close();
    tracing.close();
  }

  @Test
  void shouldMakeTheFoldSpanAChildOfThePublishSpanAndTheChangeRecordAChildOfTheFoldSpan() {
    EventEnvelope registered = fixture.registered("c-1", 3, "ada@example.com");

    send(fixture, registered, TRACEPARENT);

    SpanData fold = onlySpan();
    assertThat(fold.getName()).isEqualTo("fold com.acme.customer.registered.v1");
    assertThat(fold.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(fold.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(fold.getParentSpanId()).isEqualTo(PUBLISH_SPAN_ID);
    assertThat(fold.getParentSpanContext().isRemote()).isTrue();
    assertThat(fold.getAttributes().get(OUTCOME)).isEqualTo("changed");
    assertThat(fold.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
        .isEqualTo(registered.id().toString());
    assertThat(fold.getAttributes().get(AttributeKey.stringKey("backbone.aggregate.id"))).isEqualTo("c-1");
    assertThat(fold.getAttributes().get(AttributeKey.longKey("backbone.sequence"))).isEqualTo(3L);
    assertThat(fold.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
        .isEqualTo("backbone.customers.v1");

    TestRecord<String, ?> change = fixture.customerChanges.readRecord();
    assertThat(traceparents(change)).as("one traceparent, the fold span's")
        .containsExactly("00-" + TRACE_ID + "-" + fold.getSpanId() + "-01");
  }

  @Test
  void shouldStartANewTraceForAnEventWithoutTraceparent() {
    send(fixture, fixture.registered("c-1", 1, "ada@example.com"), null);

    SpanData fold = onlySpan();
    assertThat(fold.getParentSpanContext().isValid()).as("a root span").isFalse();
    assertThat(traceparents(fixture.customerChanges.readRecord()))
        .containsExactly("00-" + fold.getTraceId() + "-" + fold.getSpanId() + "-01");
  }

  @Test
  void shouldTreatAMalformedTraceparentAsAbsent() {
    send(fixture, fixture.registered("c-1", 1, "ada@example.com"), "00-not-a-trace-id-01");

    SpanData fold = onlySpan();
    assertThat(fold.getParentSpanContext().isValid()).isFalse();
    assertThat(fold.getTraceId()).isNotEqualTo("00000000000000000000000000000000");
    assertThat(traceparents(fixture.customerChanges.readRecord()))
        .containsExactly("00-" + fold.getTraceId() + "-" + fold.getSpanId() + "-01");
  }

  @Test
  void shouldRecordNothingForAnUnsampledTraceButPassItsContextOnUnsampled() {
    send(fixture, fixture.registered("c-1", 1, "ada@example.com"), "00-" + TRACE_ID + "-" + PUBLISH_SPAN_ID + "-00");

    assertThat(tracing.ended()).as("parent-based sampling follows the publisher").isEmpty();
    assertThat(traceparents(fixture.customerChanges.readRecord())).singleElement().satisfies(traceparent -> {
      assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
      assertThat(traceparent).doesNotContain(PUBLISH_SPAN_ID);
    });
  }

  @Test
  void shouldRecordTheDlqReasonOnTheFoldSpanAndKeepTheDeadLettersOriginalTraceparent() {
    send(fixture, fixture.orderPaid("c-1", "o-1", 2), TRACEPARENT);

    SpanData fold = onlySpan();
    assertThat(fold.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(fold.getAttributes().get(OUTCOME)).isEqualTo("rejected");
    assertThat(fold.getAttributes().get(AttributeKey.stringKey("backbone.dlq.reason")))
        .isEqualTo(FoldRejection.ENTITY_NOT_FOUND.name());
    assertThat(fold.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(fold.getStatus().getDescription()).startsWith("ENTITY_NOT_FOUND: ").contains("o-1");

    TestRecord<byte[], byte[]> letter = fixture.dlq.readRecord();
    assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo(FoldRejection.ENTITY_NOT_FOUND.name());
    assertThat(traceparents(letter)).containsExactly(TRACEPARENT);
  }

  @Test
  void shouldEndTheFoldSpanOfADuplicateWithOutcomeDuplicate() {
    EventEnvelope registered = fixture.registered("c-1", 1, "ada@example.com");

    send(fixture, registered, TRACEPARENT);
    send(fixture, registered, InMemoryTracing.traceparent("00f067aa0ba902b8"));

    assertThat(tracing.ended()).extracting(s -> s.getAttributes().get(OUTCOME))
        .containsExactly("changed", "duplicate");
    assertThat(tracing.ended().get(1).getParentSpanId()).isEqualTo("00f067aa0ba902b8");
    assertThat(fixture.customerChanges.readValuesToList()).hasSize(1);
  }

  static void send(TopologyFixture fixture, EventEnvelope event, String traceparent) {
    EncodedEvent encoded = TopologyFixture.encode(event);
    List<Header> headers = new ArrayList<>(encoded.headers());
    if (traceparent != null) {
      headers.add(new RecordHeader(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(UTF_8)));
    }
    fixture.sendRaw(encoded.topic(), encoded.key(), headers, encoded.value(), 0);
  }

  private SpanData onlySpan() {
    assertThat(tracing.ended()).hasSize(1);
    return tracing.ended().get(0);
  }

  static List<String> traceparents(TestRecord<?, ?> record) {
    return StreamSupport.stream(record.headers().headers(CloudEventHeaders.TRACEPARENT).spliterator(), false)
        .map(h -> new String(h.value(), UTF_8)).toList();
  }
}
