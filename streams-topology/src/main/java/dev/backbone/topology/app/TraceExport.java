package dev.backbone.topology.app;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Whether the app exports traces, decided from the standard OpenTelemetry settings: the
 * {@code OTEL_*} environment variables and their {@code otel.*} system properties (the property
 * wins, as in the SDK's autoconfigure). Traces are exported only when {@code OTEL_TRACES_EXPORTER} or
 * an OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT})
 * is set, and neither {@code OTEL_TRACES_EXPORTER=none} nor {@code OTEL_SDK_DISABLED=true}: the SDK's
 * own default would export to {@code localhost:4317}, and the local stack has no collector to try.
 * Otherwise the app runs on {@link OpenTelemetry#noop()}.
 *
 * <p>When exporting, the SDK autoconfigure reads every other standard setting (sampler, propagators,
 * resource attributes, batch processor, exporter protocol and TLS). The app adds defaults below them:
 * service name {@value #DEFAULT_SERVICE_NAME} unless {@code OTEL_SERVICE_NAME} or a
 * {@code service.name} resource attribute names one, and no OTLP metrics or logs (metrics are
 * Prometheus on {@code /metrics}; the app records no OTel metrics or logs, and the SDK would
 * otherwise export both to the same endpoint).
 *
 * @param enabled whether {@link #start()} builds an SDK
 * @param settings the few {@code otel.*} settings this class reads, as property names (never headers or
 *     certificates: nothing secret is kept, so nothing secret can reach a log)
 */
record TraceExport(boolean enabled, Map<String, String> settings) {

  /** Service name when none is configured. */
  static final String DEFAULT_SERVICE_NAME = "streams-topology";

  private static final String SDK_DISABLED = "otel.sdk.disabled";
  private static final String TRACES_EXPORTER = "otel.traces.exporter";
  private static final String ENDPOINT = "otel.exporter.otlp.endpoint";
  private static final String TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";
  private static final String SERVICE_NAME = "otel.service.name";
  private static final String RESOURCE_ATTRIBUTES = "otel.resource.attributes";
  private static final String PROTOCOL = "otel.exporter.otlp.protocol";
  private static final String SAMPLER = "otel.traces.sampler";
  private static final String SAMPLER_ARG = "otel.traces.sampler.arg";
  private static final Set<String> READ = Set.of(SDK_DISABLED, TRACES_EXPORTER, ENDPOINT, TRACES_ENDPOINT, SERVICE_NAME,
      RESOURCE_ATTRIBUTES, PROTOCOL, SAMPLER, SAMPLER_ARG);

  /** Copies the settings. */
  TraceExport {
    settings = Map.copyOf(settings);
  }

  /** Decides from the process's environment {@code env} and system properties {@code system}. */
  static TraceExport of(Map<String, String> env, Properties system) {
    Map<String, String> settings = new HashMap<>();
    for (String property : READ) {
      String value = system.getProperty(property, env.get(property.toUpperCase(Locale.ROOT).replace('.', '_')));
      if (value != null && !value.isBlank()) {
        settings.put(property, value.trim());
      }
    }
    boolean disabled = "true".equalsIgnoreCase(settings.get(SDK_DISABLED))
        || "none".equalsIgnoreCase(settings.get(TRACES_EXPORTER));
    boolean asked = settings.containsKey(TRACES_EXPORTER) || settings.containsKey(ENDPOINT)
        || settings.containsKey(TRACES_ENDPOINT);
    return new TraceExport(asked && !disabled, settings);
  }

  /** The defaults the app puts under the configured settings (lowest precedence in the autoconfigure). */
  Map<String, String> defaults() {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    if (!settings.containsKey(SERVICE_NAME)
        && !settings.getOrDefault(RESOURCE_ATTRIBUTES, "").matches("(.*,)?\\s*service\\.name\\s*=.*")) {
      defaults.put(SERVICE_NAME, DEFAULT_SERVICE_NAME);
    }
    return defaults;
  }

  /**
   * The SDK from the autoconfigure when {@link #enabled()} (close it to flush), else the no-op.
   *
   * @throws IllegalArgumentException when the autoconfigure rejects a setting (e.g. an exporter the
   *     app does not ship: only {@code otlp} is on its classpath)
   */
  OpenTelemetry start() {
    if (!enabled) {
      return OpenTelemetry.noop();
    }
    try {
      return AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(this::defaults)
          // BackboneApp.close flushes after the sinks stopped; the SDK's own hook could run first.
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
    } catch (ConfigurationException e) {
      throw new IllegalArgumentException("OpenTelemetry settings (OTEL_* variables, otel.* properties): "
          + e.getMessage(), e);
    }
  }

  /** One line for the start-up log: whether traces are exported, and where. */
  String describe() {
    if ("true".equalsIgnoreCase(settings.get(SDK_DISABLED))) {
      return "traces not exported (OTEL_SDK_DISABLED=true)";
    }
    if (!enabled) {
      return settings.containsKey(TRACES_EXPORTER) ? "traces not exported (OTEL_TRACES_EXPORTER=none)"
          : "traces not exported (set OTEL_TRACES_EXPORTER or OTEL_EXPORTER_OTLP_ENDPOINT to export them)";
    }
    String endpoint = settings.getOrDefault(TRACES_ENDPOINT, settings.getOrDefault(ENDPOINT, "the default endpoint"));
    String sampler = settings.getOrDefault(SAMPLER, "parentbased_always_on")
        + (settings.containsKey(SAMPLER_ARG) ? " " + settings.get(SAMPLER_ARG) : "");
    String service = settings.getOrDefault(SERVICE_NAME,
        defaults().getOrDefault(SERVICE_NAME, "from OTEL_RESOURCE_ATTRIBUTES"));
    return "traces exported with " + settings.getOrDefault(TRACES_EXPORTER, "otlp") + " to " + endpoint + " ("
        + settings.getOrDefault(PROTOCOL, "default protocol") + "), sampler " + sampler + ", service " + service;
  }
}
