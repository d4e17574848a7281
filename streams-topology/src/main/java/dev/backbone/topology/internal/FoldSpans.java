package dev.backbone.topology.internal;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventType;
import dev.backbone.topology.tracing.TraceHeaders;
import dev.backbone.topology.tracing.Tracers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The {@code fold <type>} span of an accepted event, a child of the context in its headers (the
 * publisher's span). Outcomes: {@code changed} (the change record then carries this span's context,
 * so the sinks' spans are its children), {@code rejected} (status ERROR, the DLQ reason; the DLQ
 * record keeps its original headers, as {@code DeadLetterHeaders} promises) and {@code duplicate}
 * (dropped by the de-duplication step, which ends the span there). Thread-safe.
 *
 * <p>Spans are not part of the Streams transaction: an event re-processed after an aborted
 * transaction gets a second fold span, and the committed change carries the second one's context.
 */
final class FoldSpans {

  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("backbone.fold.outcome");
  static final AttributeKey<String> DLQ_REASON = AttributeKey.stringKey("backbone.dlq.reason");
  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
  private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
  private static final AttributeKey<String> AGGREGATE_ID = AttributeKey.stringKey("backbone.aggregate.id");
  private static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("backbone.sequence");
  /** {@code fold <ce type>} per event type, made once. */
  private static final Map<EventType, String> NAMES = Arrays.stream(EventType.values()).collect(Collectors.toMap(
      type -> type, type -> "fold " + type.ceType(), (a, b) -> a, () -> new EnumMap<>(EventType.class)));

  private final Tracer tracer;
  private final TraceHeaders headers;

  FoldSpans(OpenTelemetry openTelemetry) {
    this.tracer = Tracers.of(openTelemetry);
    this.headers = new TraceHeaders(openTelemetry);
  }

  /** Starts the fold span of {@code accepted}, read from {@code record}. */
  Span start(Record<String, Step> record, Step.Accepted accepted) {
    EventEnvelope event = accepted.event();
    Span span = tracer.spanBuilder(NAMES.get(event.type()))
        .setParent(headers.extract(record.headers()))
        .setSpanKind(SpanKind.CONSUMER)
        .startSpan();
    // Attributes cost strings per event: only for spans that record (none without an SDK or when unsampled).
    if (span.isRecording()) {
      RawRecord raw = accepted.raw();
      span.setAttribute(SYSTEM, "kafka")
          .setAttribute(OPERATION, "process")
          .setAttribute(DESTINATION, raw.topic())
          .setAttribute(PARTITION, Integer.toString(raw.partition()))
          .setAttribute(OFFSET, raw.offset())
          .setAttribute(MESSAGE_ID, event.id().toString())
          .setAttribute(EVENT_TYPE, event.type().ceType())
          .setAttribute(AGGREGATE_ID, event.subject().value())
          .setAttribute(SEQUENCE, event.sequence().value());
    }
    return span;
  }

  /** The event changed its entity: {@code out} (the change record's headers) gets the span's context. */
  void changed(Span span, Headers out) {
    headers.inject(Context.root().with(span), out);
    span.setAttribute(OUTCOME, "changed");
    span.end();
  }

  /** The event goes to the DLQ for {@code reason}. */
  void rejected(Span span, String reason, String detail) {
    if (span.isRecording()) {
      span.setAttribute(OUTCOME, "rejected");
      span.setAttribute(DLQ_REASON, reason);
      span.setStatus(StatusCode.ERROR, reason + ": " + detail);
    }
    span.end();
  }

  /** The event's id was seen within the TTL: a whole fold span, ended at once. */
  void duplicate(Record<String, Step> record, Step.Accepted accepted) {
    Span span = start(record, accepted);
    span.setAttribute(OUTCOME, "duplicate");
    span.end();
  }
}
