package dev.backbone.topology.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TraceExportTest {

  private static final Properties NO_PROPERTIES = new Properties();

  @Test
  void shouldNotExportWhenNeitherAnExporterNorAnEndpointIsSet() {
    TraceExport export = TraceExport.of(Map.of("OTEL_SERVICE_NAME", "streams-topology", "OTEL_TRACES_SAMPLER",
        "parentbased_traceidratio", "PATH", "/usr/bin"), NO_PROPERTIES);

    assertThat(export.enabled()).isFalse();
    assertThat(export.start()).isSameAs(OpenTelemetry.noop());
    assertThat(export.describe()).isEqualTo(
        "traces not exported (set OTEL_TRACES_EXPORTER or OTEL_EXPORTER_OTLP_ENDPOINT to export them)");
  }

  @Test
  void shouldExportWhenTheExporterOrAnEndpointIsSetAsVariableOrProperty() {
    assertThat(TraceExport.of(Map.of("OTEL_TRACES_EXPORTER", "otlp"), NO_PROPERTIES).enabled()).isTrue();
    assertThat(TraceExport.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), NO_PROPERTIES).enabled())
        .isTrue();
    assertThat(TraceExport.of(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317"), NO_PROPERTIES)
        .enabled()).isTrue();
    assertThat(TraceExport.of(Map.of(), properties("otel.traces.exporter", "otlp")).enabled()).isTrue();
    assertThat(TraceExport.of(Map.of(), properties("otel.exporter.otlp.endpoint", "http://collector:4317")).enabled())
        .isTrue();
  }

  @Test
  void shouldNotExportWhenTheExporterIsNoneOrTheSdkIsDisabledEvenWithAnEndpoint() {
    Map<String, String> endpoint = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317");

    TraceExport none = TraceExport.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
        "OTEL_TRACES_EXPORTER", "none"), NO_PROPERTIES);
    assertThat(none.enabled()).isFalse();
    assertThat(none.describe()).isEqualTo("traces not exported (OTEL_TRACES_EXPORTER=none)");
    assertThat(TraceExport.of(endpoint, properties("otel.sdk.disabled", "true")).enabled()).isFalse();
    assertThat(TraceExport.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "), NO_PROPERTIES).enabled())
        .as("blank is unset").isFalse();
  }

  @Test
  void shouldLetTheSystemPropertyWinOverTheVariable() {
    TraceExport export = TraceExport.of(Map.of("OTEL_TRACES_EXPORTER", "otlp"), properties("otel.traces.exporter", "none"));

    assertThat(export.enabled()).isFalse();
  }

  @Test
  void shouldDefaultTheServiceNameAndSwitchOffOtlpMetricsAndLogsUnderTheConfiguredSettings() {
    TraceExport export = TraceExport.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability.svc:4317",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
        "OTEL_TRACES_SAMPLER_ARG", "0.1"), NO_PROPERTIES);

    assertThat(export.defaults()).containsExactlyInAnyOrderEntriesOf(Map.of("otel.service.name", "streams-topology",
        "otel.metrics.exporter", "none", "otel.logs.exporter", "none"));
    assertThat(export.describe()).isEqualTo("traces exported with otlp to http://otel-collector.observability.svc:4317"
        + " (grpc), sampler parentbased_traceidratio 0.1, service streams-topology");
    assertThat(TraceExport.of(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_SERVICE_NAME", "canary"), NO_PROPERTIES)
        .defaults()).doesNotContainKey("otel.service.name");
    assertThat(TraceExport.of(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_RESOURCE_ATTRIBUTES",
        "service.namespace=backbone, service.name=other"), NO_PROPERTIES).defaults()).doesNotContainKey("otel.service.name");
    assertThat(TraceExport.of(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_RESOURCE_ATTRIBUTES",
        "service.namespace=backbone"), NO_PROPERTIES).defaults()).containsEntry("otel.service.name", "streams-topology");
  }

  @Test
  void shouldKeepNoExporterHeadersSoNoTokenReachesALog() {
    TraceExport export = TraceExport.of(Map.of("OTEL_TRACES_EXPORTER", "otlp",
        "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer s3cret"), NO_PROPERTIES);

    assertThat(export.settings()).doesNotContainKey("otel.exporter.otlp.headers");
    assertThat(export + " " + export.describe()).doesNotContain("s3cret");
  }

  @Test
  void shouldBuildAnSdkWhenEnabledAndNameTheSettingItRejects() {
    // The SDK reads the process's own settings; with otel.* system properties this test controls them.
    Properties saved = (Properties) System.getProperties().clone();
    try {
      System.setProperty("otel.traces.exporter", "otlp");
      System.setProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:1");
      TraceExport export = TraceExport.of(Map.of(), System.getProperties());
      OpenTelemetry built = export.start();
      assertThat(built).isInstanceOf(OpenTelemetrySdk.class);
      ((OpenTelemetrySdk) built).close();

      System.setProperty("otel.traces.exporter", "zipkin");
      assertThatThrownBy(() -> TraceExport.of(Map.of(), System.getProperties()).start())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zipkin");
    } finally {
      System.setProperties(saved);
    }
  }

  private static Properties properties(String name, String value) {
    Properties properties = new Properties();
    properties.setProperty(name, value);
    return properties;
  }
}
