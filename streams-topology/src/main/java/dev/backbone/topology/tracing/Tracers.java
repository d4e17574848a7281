package dev.backbone.topology.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/** The one tracer name of the Streams app, so every span of it shows the same instrumentation scope. */
public final class Tracers {

  /** Instrumentation scope of the topology's and the sinks' spans. */
  public static final String SCOPE = "dev.backbone.streams-topology";

  private Tracers() {
  }

  /** The app's tracer from {@code openTelemetry}. */
  public static Tracer of(OpenTelemetry openTelemetry) {
    return openTelemetry.getTracer(SCOPE);
  }
}
