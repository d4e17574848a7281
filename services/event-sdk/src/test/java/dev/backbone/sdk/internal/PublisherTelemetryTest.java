package dev.backbone.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublisherTelemetryTest {

  private static final AttributeKey<String> TOPIC = AttributeKey.stringKey("topic");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();
  private final PublisherTelemetry telemetry = new PublisherTelemetry(otel, () -> 0, () -> 0, () -> CircuitBreaker.State.CLOSED);

  @AfterEach
  void close() {
    telemetry.close();
    otel.close();
  }

  @Test
  void shouldLabelTheOutcomeInLowerCaseOnTheCounterAndTheSpan() {
    // given
    Span span = telemetry.startPublish("orders", "id-1", "com.acme.order.placed.v1", new RecordHeaders());

    // when
    telemetry.finish(span, "orders", PublisherTelemetry.Outcome.BUFFERED, System.nanoTime(), null);

    // then
    MetricData events = metrics.collectAllMetrics().stream()
        .filter(metric -> metric.getName().equals("backbone.sdk.publish.events")).findFirst().orElseThrow();
    assertThat(events.getLongSumData().getPoints()).extracting(LongPointData::getAttributes)
        .containsExactly(Attributes.of(TOPIC, "orders", OUTCOME, "buffered"));
    assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getAttributes)
        .singleElement().satisfies(attributes -> assertThat(attributes.get(OUTCOME)).isEqualTo("buffered"));
  }
}
