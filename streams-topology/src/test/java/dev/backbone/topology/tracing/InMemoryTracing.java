package dev.backbone.topology.tracing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.backbone.contracts.codec.CloudEventHeaders;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** An OpenTelemetry SDK that keeps every ended span in memory, with the W3C propagator. */
public final class InMemoryTracing implements AutoCloseable {

  /** A trace id the tests use as the publisher's. */
  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();

  /** The SDK to pass to the code under test. */
  public OpenTelemetrySdk openTelemetry() {
    return sdk;
  }

  /** Spans ended so far, in the order they ended. */
  public List<SpanData> ended() {
    return exporter.getFinishedSpanItems();
  }

  /** A sampled W3C {@code traceparent} of span {@code spanId} in trace {@link #TRACE_ID}. */
  public static String traceparent(String spanId) {
    return "00-" + TRACE_ID + "-" + spanId + "-01";
  }

  /** Record headers holding only {@link #traceparent(String)}. */
  public static Headers headers(String spanId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CloudEventHeaders.TRACEPARENT, traceparent(spanId).getBytes(UTF_8));
    return headers;
  }

  @Override
  public void close() {
    sdk.close();
  }
}
