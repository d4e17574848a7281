package dev.backbone.sdk.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sdk.Compression;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EventSdkAutoConfigurationTest {

  @TempDir
  Path journal;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EventSdkAutoConfiguration.class));

  @Test
  void shouldCreateAPublisherFromTypedProperties() {
    runner.withPropertyValues(
            "backbone.sdk.bootstrap-servers=localhost:1",
            "backbone.sdk.source=/services/orders",
            "backbone.sdk.journal.directory=" + journal,
            "backbone.sdk.producer.compression=lz4",
            "backbone.sdk.producer.delivery-timeout=45s")
        .run(context -> {
          assertThat(context).hasSingleBean(EventPublisher.class);
          PublisherConfig config = context.getBean(PublisherConfig.class);
          assertThat(config.compression()).isEqualTo(Compression.LZ4);
          assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofSeconds(45));
          assertThat(config.journal().maxEntries()).isEqualTo(1_000_000);
        });
  }

  @Test
  void shouldDefaultEveryPropertyToThePlainJavaDefault() {
    // the starter's @DefaultValue strings repeat PublisherConfig's defaults: this keeps them one fact
    runner.withPropertyValues(
            "backbone.sdk.bootstrap-servers=localhost:1",
            "backbone.sdk.source=/services/orders",
            "backbone.sdk.journal.directory=" + journal)
        .run(context -> assertThat(context.getBean(PublisherConfig.class)).isEqualTo(PublisherConfig.builder()
            .bootstrapServers("localhost:1")
            .source(URI.create("/services/orders"))
            .journal(JournalConfig.defaults(journal))
            .build()));
  }

  @Test
  void shouldFailStartupNamingTheInvalidKeyAndValue() {
    runner.withPropertyValues(
            "backbone.sdk.bootstrap-servers=localhost:1",
            "backbone.sdk.source=/services/orders",
            "backbone.sdk.journal.directory=" + journal,
            "backbone.sdk.journal.max-bytes=0")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessage("backbone.sdk.journal.max-bytes must be > 0 but was 0"));
  }

  @Test
  void shouldStayOffWithoutBootstrapServers() {
    runner.run(context -> assertThat(context).doesNotHaveBean(EventPublisher.class));
  }
}
