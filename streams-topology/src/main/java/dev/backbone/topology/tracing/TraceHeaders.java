package dev.backbone.topology.tracing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads and writes a trace context from and to Kafka record headers with the propagators of an
 * {@link OpenTelemetry} instance. The SDK writes W3C {@code traceparent}
 * ({@code CloudEventHeaders.TRACEPARENT}); the OTel default propagators (and {@code OTEL_PROPAGATORS}
 * in k8s) read it. Without an SDK the propagators are no-ops: nothing is parsed and the headers are
 * left as they came, so a record keeps its publisher's context on its way to the sinks.
 *
 * <p>Header values are UTF-8; when a header repeats, the last one counts (as Kafka's
 * {@link Headers#lastHeader}). A malformed value yields the context without a parent span.
 */
public final class TraceHeaders {

  private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Headers headers) {
      List<String> keys = new ArrayList<>();
      for (Header header : headers) {
        keys.add(header.key());
      }
      return keys;
    }

    @Override
    public String get(Headers headers, String key) {
      if (headers == null) {
        return null;
      }
      Header header = headers.lastHeader(key);
      return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }
  };

  private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
    if (headers != null) {
      headers.remove(key).add(key, value.getBytes(UTF_8));
    }
  };

  private final TextMapPropagator propagator;

  /** Uses the text-map propagator of {@code openTelemetry}. */
  public TraceHeaders(OpenTelemetry openTelemetry) {
    this.propagator = Objects.requireNonNull(openTelemetry, "openTelemetry").getPropagators().getTextMapPropagator();
  }

  /** The context the headers carry, on top of the root context; the root context when they carry none. */
  public Context extract(Headers headers) {
    return propagator.extract(Context.root(), headers, GETTER);
  }

  /** Replaces the headers' trace context (e.g. {@code traceparent}) with {@code context}'s. */
  public void inject(Context context, Headers headers) {
    propagator.inject(context, headers, SETTER);
  }
}
