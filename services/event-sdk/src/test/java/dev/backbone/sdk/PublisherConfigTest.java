package dev.backbone.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.contracts.DomainTopic;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublisherConfigTest {

  private static PublisherConfig.Builder valid() {
    return PublisherConfig.builder()
        .bootstrapServers("localhost:9092")
        .source(URI.create("/services/orders"))
        .journalDirectory(Path.of("/tmp/journal"));
  }

  @Test
  void shouldApplySafeDefaults() {
    PublisherConfig config = valid().build();

    assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.compression()).isEqualTo(Compression.ZSTD);
    assertThat(config.journal().maxEntries()).isEqualTo(JournalConfig.DEFAULT_MAX_ENTRIES);
    assertThat(config.topicName(DomainTopic.ORDERS)).isEqualTo("backbone.orders.v1");
  }

  @Test
  void shouldNameTheKeyWhenBootstrapServersAreMissing() {
    assertThatThrownBy(() -> valid().bootstrapServers(" ").build())
        .hasMessage("backbone.sdk.bootstrap-servers must be set but was ' '");
  }

  @Test
  void shouldNameTheKeyAndValueOfANegativeDuration() {
    assertThatThrownBy(() -> valid().requestTimeout(Duration.ofMillis(-5)).build())
        .hasMessage("backbone.sdk.producer.request-timeout must be > 0 but was PT-0.005S");
  }

  @Test
  void shouldRequireDeliveryTimeoutToCoverLingerAndRequestTimeout() {
    assertThatThrownBy(() -> valid().deliveryTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build())
        .hasMessageContaining("backbone.sdk.producer.delivery-timeout must be >= linger + request-timeout")
        .hasMessageContaining("but was PT5S");
  }

  @Test
  void shouldRequireAJournalDirectory() {
    assertThatThrownBy(() -> PublisherConfig.builder().bootstrapServers("k:9092").source(URI.create("/s")).build())
        .hasMessage("backbone.sdk.journal.directory must be set but was null");
  }

  @Test
  void shouldRejectJournalBoundsBelowOne() {
    assertThatThrownBy(() -> JournalConfig.defaults(Path.of("/tmp/j")).withBounds(0, 10))
        .hasMessage("backbone.sdk.journal.max-bytes must be > 0 but was 0");
  }

  @Test
  void shouldRejectJitterOfOneOrMore() {
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(10), 2.0, 1.5, Duration.ofSeconds(1)))
        .hasMessage("backbone.sdk.retry.jitter must be between 0.0 and 0.99 but was 1.5");
  }

  @Test
  void shouldRejectAFailureRateAbove100() {
    assertThatThrownBy(() -> new CircuitBreakerPolicy(120f, 10, 5, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessage("backbone.sdk.circuit-breaker.failure-rate-threshold must be between 1.0 and 100.0 but was 120.0");
  }

  @Test
  void shouldOverrideTopicNamesForTests() {
    assertThat(valid().topicName(DomainTopic.ORDERS, "it-orders-1").build().topicName(DomainTopic.ORDERS))
        .isEqualTo("it-orders-1");
  }
}
