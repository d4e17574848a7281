package dev.backbone.sdk.it;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.sdk.CircuitBreakerPolicy;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.sdk.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Publisher settings for ITs: short timeouts so that outages are noticed in seconds. */
final class ItConfig {

  private ItConfig() {
  }

  static PublisherConfig publisher(String bootstrapServers, String ordersTopic, Path journal) {
    return publisher(bootstrapServers, ordersTopic, journal, Duration.ofSeconds(8));
  }

  /**
   * With a {@code deliveryTimeout} longer than a leader fail-over, the idempotent producer retries
   * across the fail-over itself and never reports (and so never re-publishes) a record that was
   * in fact written: no duplicates.
   */
  static PublisherConfig publisher(String bootstrapServers, String ordersTopic, Path journal, Duration deliveryTimeout) {
    return publisher(bootstrapServers, ordersTopic, JournalConfig.defaults(journal), deliveryTimeout);
  }

  static PublisherConfig publisher(String bootstrapServers, String ordersTopic, JournalConfig journal, Duration deliveryTimeout) {
    return PublisherConfig.builder()
        .bootstrapServers(bootstrapServers)
        .clientId("sdk-it")
        .source(URI.create("/services/sdk-it"))
        .journal(journal)
        .deliveryTimeout(deliveryTimeout)
        .requestTimeout(Duration.ofSeconds(3))
        .maxBlock(Duration.ofSeconds(1))
        .retry(new RetryPolicy(3, Duration.ofMillis(100), 2.0, 0.5, Duration.ofSeconds(1)))
        .circuitBreaker(new CircuitBreakerPolicy(50f, 20, 5, Duration.ofSeconds(1), Duration.ofSeconds(2)))
        .closeTimeout(Duration.ofSeconds(10))
        .topicName(DomainTopic.ORDERS, ordersTopic)
        .build();
  }
}
