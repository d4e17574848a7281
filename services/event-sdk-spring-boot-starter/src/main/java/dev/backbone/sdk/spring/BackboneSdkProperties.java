package dev.backbone.sdk.spring;

import dev.backbone.sdk.CircuitBreakerPolicy;
import dev.backbone.sdk.Compression;
import dev.backbone.sdk.FsyncPolicy;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.sdk.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code backbone.sdk.*} properties, bound by constructor. They are converted into the SDK's
 * own {@link PublisherConfig} by {@link #toPublisherConfig()}, whose validation names the
 * property key and the bad value, so a misconfigured service fails at start-up.
 *
 * @param bootstrapServers {@code backbone.sdk.bootstrap-servers}
 * @param clientId {@code backbone.sdk.client-id}
 * @param source {@code backbone.sdk.source}
 * @param closeTimeout {@code backbone.sdk.close-timeout}
 * @param producer {@code backbone.sdk.producer.*}
 * @param journal {@code backbone.sdk.journal.*}
 * @param retry {@code backbone.sdk.retry.*}
 * @param circuitBreaker {@code backbone.sdk.circuit-breaker.*}
 * @param drain {@code backbone.sdk.drain.*}
 */
@ConfigurationProperties("backbone.sdk")
public record BackboneSdkProperties(
    String bootstrapServers,
    @DefaultValue("backbone-sdk") String clientId,
    URI source,
    @DefaultValue("30s") Duration closeTimeout,
    @DefaultValue Producer producer,
    @DefaultValue Journal journal,
    @DefaultValue Retry retry,
    @DefaultValue CircuitBreaker circuitBreaker,
    @DefaultValue Drain drain) {

  /** {@code backbone.sdk.producer.*}; see {@link PublisherConfig}. */
  public record Producer(
      @DefaultValue("30s") Duration deliveryTimeout,
      @DefaultValue("10s") Duration requestTimeout,
      @DefaultValue("5s") Duration maxBlock,
      @DefaultValue("50ms") Duration linger,
      @DefaultValue("131072") int batchSize,
      @DefaultValue("ZSTD") Compression compression,
      @DefaultValue("1048576") int maxRequestSize) {
  }

  /** {@code backbone.sdk.journal.*}; see {@link JournalConfig}. */
  public record Journal(
      Path directory,
      @DefaultValue("67108864") long segmentBytes,
      @DefaultValue("1073741824") long maxBytes,
      @DefaultValue("1000000") long maxEntries,
      @DefaultValue("EVERY_BATCH") FsyncPolicy fsyncPolicy,
      @DefaultValue("10ms") Duration fsyncInterval) {
  }

  /** {@code backbone.sdk.retry.*}; see {@link RetryPolicy}. */
  public record Retry(
      @DefaultValue("5") int maxAttempts,
      @DefaultValue("200ms") Duration initialBackoff,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("0.5") double jitter,
      @DefaultValue("30s") Duration maxBackoff) {
  }

  /** {@code backbone.sdk.circuit-breaker.*}; see {@link CircuitBreakerPolicy}. */
  public record CircuitBreaker(
      @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("20") int slidingWindowSize,
      @DefaultValue("5") int minimumCalls,
      @DefaultValue("5s") Duration waitInOpenState,
      @DefaultValue("10s") Duration stallTimeout) {
  }

  /** {@code backbone.sdk.drain.*}. */
  public record Drain(@DefaultValue("500") int batchSize) {
  }

  /**
   * Converts to the SDK configuration, validating every value.
   *
   * @throws IllegalArgumentException naming the first invalid {@code backbone.sdk.*} key and its value
   */
  public PublisherConfig toPublisherConfig() {
    if (journal.directory() == null) {
      throw new IllegalArgumentException("backbone.sdk.journal.directory must be set but was null");
    }
    return PublisherConfig.builder()
        .bootstrapServers(bootstrapServers)
        .clientId(clientId)
        .source(source)
        .closeTimeout(closeTimeout)
        .deliveryTimeout(producer.deliveryTimeout())
        .requestTimeout(producer.requestTimeout())
        .maxBlock(producer.maxBlock())
        .linger(producer.linger())
        .batchSizeBytes(producer.batchSize())
        .compression(producer.compression())
        .maxRequestSizeBytes(producer.maxRequestSize())
        .journal(new JournalConfig(journal.directory(), journal.segmentBytes(), journal.maxBytes(), journal.maxEntries(),
            journal.fsyncPolicy(), journal.fsyncInterval()))
        .retry(new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.multiplier(), retry.jitter(),
            retry.maxBackoff()))
        .circuitBreaker(new CircuitBreakerPolicy(circuitBreaker.failureRateThreshold(), circuitBreaker.slidingWindowSize(),
            circuitBreaker.minimumCalls(), circuitBreaker.waitInOpenState(), circuitBreaker.stallTimeout()))
        .drainBatchSize(drain.batchSize())
        .build();
  }
}
