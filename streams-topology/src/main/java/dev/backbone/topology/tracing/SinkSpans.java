package dev.backbone.topology.tracing;

import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The spans of a sink: one per consumed change, from when the sink takes it until it is durable (the
 * shard row committed, the index write acknowledged), as a child of the context its change record
 * carries, i.e. of the fold span that produced the change. A change that waits for a stalled shard or
 * for Redis keeps its span open and gets a {@value #WRITE_FAILED} event per failed attempt, so the
 * span's length is the change's real time to durability.
 *
 * <p>A change dropped from pending because its partition was revoked or lost ends its span with
 * status ERROR and outcome {@code revoked}: this sink will never make it durable, and the
 * partition's next owner re-reads it from the last committed offset and starts its own span (a
 * sibling under the same fold span). Leaving the span open would leak it, and ending it OK would
 * claim a write that did not happen.
 *
 * <p>Spans that were never ended export nothing: changes still pending when the process stops
 * (they are re-delivered on restart) leave no span.
 */
public final class SinkSpans {

  /** {@code shard} or {@code index}: the sink that wrote the change. */
  public static final AttributeKey<String> SINK = AttributeKey.stringKey("backbone.sink");
  /** {@code customer}, {@code order} or {@code payment}. */
  public static final AttributeKey<String> ENTITY_KIND = AttributeKey.stringKey("backbone.entity.kind");
  /** Customer id, or order id for an order, or payment id for a payment. */
  public static final AttributeKey<String> ENTITY_ID = AttributeKey.stringKey("backbone.entity.id");
  /** The change's version (the aggregate sequence of the event that made it). */
  public static final AttributeKey<Long> ENTITY_VERSION = AttributeKey.longKey("backbone.entity.version");
  /** The shard index the change is written to (shard sink only). */
  public static final AttributeKey<Long> SHARD = AttributeKey.longKey("backbone.shard");
  /** {@code durable} or {@code revoked}. */
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("backbone.sink.outcome");
  /** Name of the event added per failed write attempt. */
  public static final String WRITE_FAILED = "write failed";

  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
  private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> ERROR_MESSAGE = AttributeKey.stringKey("exception.message");

  private final Tracer tracer;
  private final TraceHeaders headers;
  private final String sink;
  private final Kind customer;
  private final Kind order;
  private final Kind payment;

  /** An entity kind's attribute value and span name, built once: spans are started per change. */
  private record Kind(String name, String spanName) {
  }

  /**
   * @param openTelemetry where spans go; {@link OpenTelemetry#noop()} for none
   * @param sink the sink's name, {@code shard} or {@code index}: span names are {@code <sink>-sink <kind>}
   */
  public SinkSpans(OpenTelemetry openTelemetry, String sink) {
    this.tracer = Tracers.of(openTelemetry);
    this.headers = new TraceHeaders(openTelemetry);
    this.sink = Objects.requireNonNull(sink, "sink");
    this.customer = new Kind("customer", sink + "-sink customer");
    this.order = new Kind("order", sink + "-sink order");
    this.payment = new Kind("payment", sink + "-sink payment");
  }

  /** Starts the span of a change just consumed, as a child of the context its record's headers carry. */
  public Span start(ConsumerRecord<String, byte[]> record, EntityChange<?> change) {
    Object state = change.after() != null ? change.after() : change.before();
    Kind kind = state instanceof OrderState ? order : state instanceof PaymentState ? payment : customer;
    Span span = tracer.spanBuilder(kind.spanName())
        .setParent(headers.extract(record.headers()))
        .setSpanKind(SpanKind.CONSUMER)
        .startSpan();
    // Attributes cost strings per change: only for spans that record (none without an SDK or when unsampled).
    if (span.isRecording()) {
      String id = state instanceof OrderState o ? o.orderId()
          : state instanceof PaymentState p ? p.paymentId()
          : state instanceof CustomerState c ? c.customerId() : record.key();
      span.setAttribute(SYSTEM, "kafka")
          .setAttribute(OPERATION, "process")
          .setAttribute(DESTINATION, record.topic())
          .setAttribute(PARTITION, Integer.toString(record.partition()))
          .setAttribute(OFFSET, record.offset())
          .setAttribute(SINK, sink)
          .setAttribute(ENTITY_KIND, kind.name())
          .setAttribute(ENTITY_ID, id)
          .setAttribute(ENTITY_VERSION, change.version());
    }
    return span;
  }

  /** The change is durable: ends its span. */
  public static void durable(Span span) {
    span.setAttribute(OUTCOME, "durable");
    span.end();
  }

  /** A write that held the change failed; the change stays pending and is retried. */
  public static void writeFailed(Span span, Exception error) {
    if (!span.isRecording()) {
      return;
    }
    span.addEvent(WRITE_FAILED, Attributes.of(ERROR_TYPE, error.getClass().getName(),
        ERROR_MESSAGE, String.valueOf(error.getMessage())));
  }

  /** The change's partition was revoked or lost before it was durable: see the class comment. */
  public static void revoked(Span span) {
    span.setAttribute(OUTCOME, "revoked");
    span.setStatus(StatusCode.ERROR, "partition revoked before the change was durable; its next owner re-reads it"
        + " from the last committed offset");
    span.end();
  }
}
