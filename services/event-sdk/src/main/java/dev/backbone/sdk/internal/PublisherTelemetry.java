package dev.backbone.sdk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;

/**
 * Spans and metrics of the publisher, through the OpenTelemetry API only (the application
 * chooses the SDK and exporters; without one everything is a no-op).
 *
 * <p>Metrics: {@code backbone.sdk.publish.events} (counter; {@code topic}, {@code outcome} =
 * kafka|buffered|rejected|failed), {@code backbone.sdk.publish.duration} (histogram, seconds),
 * {@code backbone.sdk.buffer.entries} and {@code backbone.sdk.buffer.bytes} (gauges),
 * {@code backbone.sdk.circuit.state} (gauge: 0 closed, 1 half-open, 2 open, 3 other),
 * {@code backbone.sdk.drain.events} and {@code backbone.sdk.drain.failures} (counters),
 * {@code backbone.sdk.journal.corruptions} (counter, at start-up),
 * {@code backbone.sdk.journal.quarantined} (counter: buffered events Kafka rejected, set aside).
 */
public final class PublisherTelemetry implements AutoCloseable {

  /** Publish outcomes used as the {@code outcome} attribute. */
  public enum Outcome {
    /** Acked by Kafka. */
    KAFKA,
    /** Synced to the journal. */
    BUFFERED,
    /** Rejected as invalid, too large or unauthorized. */
    REJECTED,
    /** Not acknowledged for another reason (buffer full, journal failed, closed). */
    FAILED;

    /** The attribute value, made once: {@link #finish} runs for every event. */
    private final String label = name().toLowerCase(Locale.ROOT);
  }

  private static final AttributeKey<String> TOPIC = AttributeKey.stringKey("topic");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
  private static final TextMapSetter<Headers> SETTER =
      (headers, key, value) -> {
        if (headers != null) {
          headers.remove(key).add(key, value.getBytes(UTF_8));
        }
      };

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final LongCounter events;
  private final DoubleHistogram duration;
  private final LongCounter drained;
  private final LongCounter drainFailures;
  private final LongCounter corruptions;
  private final LongCounter quarantined;
  private final List<ObservableLongGauge> gauges;

  /** Creates the instruments; the suppliers are read when metrics are collected. */
  public PublisherTelemetry(OpenTelemetry openTelemetry, LongSupplier bufferEntries, LongSupplier bufferBytes,
      Supplier<CircuitBreaker.State> circuitState) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("dev.backbone.event-sdk");
    Meter meter = openTelemetry.getMeter("dev.backbone.event-sdk");
    events = meter.counterBuilder("backbone.sdk.publish.events").setDescription("Events published, by outcome").build();
    duration = meter.histogramBuilder("backbone.sdk.publish.duration").setUnit("s")
        .setDescription("Time from publish to acknowledgement or failure").build();
    drained = meter.counterBuilder("backbone.sdk.drain.events").setDescription("Buffered events re-published to Kafka").build();
    drainFailures = meter.counterBuilder("backbone.sdk.drain.failures").setDescription("Failed re-publish rounds").build();
    corruptions = meter.counterBuilder("backbone.sdk.journal.corruptions")
        .setDescription("Damaged journal regions cut off at start-up").build();
    quarantined = meter.counterBuilder("backbone.sdk.journal.quarantined")
        .setDescription("Buffered events Kafka rejected, set aside in the journal's quarantine folder").build();
    gauges = List.of(
        meter.gaugeBuilder("backbone.sdk.buffer.entries").ofLongs().setDescription("Events in the local journal")
            .buildWithCallback(m -> m.record(bufferEntries.getAsLong())),
        meter.gaugeBuilder("backbone.sdk.buffer.bytes").ofLongs().setUnit("By").setDescription("Bytes in the local journal")
            .buildWithCallback(m -> m.record(bufferBytes.getAsLong())),
        meter.gaugeBuilder("backbone.sdk.circuit.state").ofLongs()
            .setDescription("Producer circuit breaker: 0 closed, 1 half-open, 2 open, 3 other")
            .buildWithCallback(m -> m.record(stateCode(circuitState.get()))));
  }

  /** Starts the span of one publish and writes its context ({@code traceparent}) into the headers. */
  public Span startPublish(String topic, String eventId, String eventType, Headers headers) {
    Span span = tracer.spanBuilder(topic + " publish")
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute(SYSTEM, "kafka")
        .setAttribute(DESTINATION, topic)
        .setAttribute(OPERATION, "publish")
        .setAttribute(MESSAGE_ID, eventId)
        .setAttribute(EVENT_TYPE, eventType)
        .startSpan();
    openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current().with(span), headers, SETTER);
    return span;
  }

  /** Records a finished publish and ends its span. */
  public void finish(Span span, String topic, Outcome outcome, long startNanos, Throwable error) {
    Attributes attributes = Attributes.of(TOPIC, topic, OUTCOME, outcome.label);
    events.add(1, attributes);
    duration.record((System.nanoTime() - startNanos) / 1e9, attributes);
    span.setAttribute(OUTCOME, outcome.label);
    if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    }
    span.end();
  }

  /** Counts buffered events that reached Kafka. */
  public void drained(int count) {
    drained.add(count);
  }

  /** Counts a failed re-publish round. */
  public void drainFailed() {
    drainFailures.add(1);
  }

  /** Counts a buffered event Kafka rejected, set aside in the quarantine. */
  public void quarantined() {
    quarantined.add(1);
  }

  /** Counts damaged journal regions found at start-up. */
  public void corruptions(int count) {
    if (count > 0) {
      corruptions.add(count);
    }
  }

  private static long stateCode(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
      default -> 3;
    };
  }

  @Override
  public void close() {
    for (ObservableLongGauge gauge : gauges) {
      gauge.close();
    }
  }
}
