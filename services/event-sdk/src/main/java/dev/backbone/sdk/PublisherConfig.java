package dev.backbone.sdk;

import static dev.backbone.sdk.internal.Checks.notNegative;
import static dev.backbone.sdk.internal.Checks.positive;
import static dev.backbone.sdk.internal.Checks.present;

import dev.backbone.contracts.DomainTopic;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an {@link EventPublisher} needs, validated when built: an invalid setting fails with
 * a message that names its {@code backbone.sdk.*} key and the value. Immutable.
 *
 * <p>The producer's safety settings are not configurable: {@code enable.idempotence=true},
 * {@code acks=all}, {@code max.in.flight.requests.per.connection=1}, unbounded retries within
 * {@code delivery.timeout.ms}.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code backbone.sdk.bootstrap-servers}, required)
 * @param clientId producer client id ({@code backbone.sdk.client-id}, default {@code backbone-sdk})
 * @param source the CloudEvents {@code source} of this service, e.g. {@code /services/orders}
 *     ({@code backbone.sdk.source}, required)
 * @param journal the local journal
 * @param deliveryTimeout upper bound on a send, retries included ({@code backbone.sdk.producer.delivery-timeout},
 *     default 30 s); must be >= linger + request timeout
 * @param requestTimeout one request to a broker ({@code backbone.sdk.producer.request-timeout}, default 10 s)
 * @param maxBlock longest a {@code publish} call may block for metadata or producer memory
 *     ({@code backbone.sdk.producer.max-block}, default 5 s)
 * @param linger batching delay ({@code backbone.sdk.producer.linger}, default 50 ms: keyed events spread over partitions, and
 *     the brokers spend their CPU per batch — docs/benchmarks.md, bench publish)
 * @param batchSizeBytes batch size per partition ({@code backbone.sdk.producer.batch-size}, default 131072)
 * @param compression compression codec ({@code backbone.sdk.producer.compression}, default {@code ZSTD})
 * @param maxRequestSizeBytes largest record accepted ({@code backbone.sdk.producer.max-request-size}, default 1048576)
 * @param retry re-publishing policy of the drainer
 * @param circuitBreaker the breaker around the producer
 * @param drainBatchSize buffered events re-published per round ({@code backbone.sdk.drain.batch-size}, default 500)
 * @param closeTimeout how long {@link EventPublisher#close()} waits for in-flight sends
 *     ({@code backbone.sdk.close-timeout}, default 30 s)
 * @param topicNames the topic name per domain topic ({@code backbone.sdk.topics.*}, default the
 *     names of {@link DomainTopic}); tests point these at unique topics
 */
public record PublisherConfig(
    String bootstrapServers,
    String clientId,
    URI source,
    JournalConfig journal,
    Duration deliveryTimeout,
    Duration requestTimeout,
    Duration maxBlock,
    Duration linger,
    int batchSizeBytes,
    Compression compression,
    int maxRequestSizeBytes,
    RetryPolicy retry,
    CircuitBreakerPolicy circuitBreaker,
    int drainBatchSize,
    Duration closeTimeout,
    Map<DomainTopic, String> topicNames) {

  /** Validates every setting and the relations between them. */
  public PublisherConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("backbone.sdk.bootstrap-servers must be set but was '" + bootstrapServers + "'");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("backbone.sdk.client-id must not be blank but was '" + clientId + "'");
    }
    present("backbone.sdk.source", source);
    if (source.toString().isEmpty()) {
      throw new IllegalArgumentException("backbone.sdk.source must be a non-empty URI reference but was ''");
    }
    present("backbone.sdk.journal", journal);
    positive("backbone.sdk.producer.delivery-timeout", deliveryTimeout);
    positive("backbone.sdk.producer.request-timeout", requestTimeout);
    positive("backbone.sdk.producer.max-block", maxBlock);
    notNegative("backbone.sdk.producer.linger", linger);
    positive("backbone.sdk.producer.batch-size", batchSizeBytes);
    present("backbone.sdk.producer.compression", compression);
    positive("backbone.sdk.producer.max-request-size", maxRequestSizeBytes);
    present("backbone.sdk.retry", retry);
    present("backbone.sdk.circuit-breaker", circuitBreaker);
    positive("backbone.sdk.drain.batch-size", drainBatchSize);
    positive("backbone.sdk.close-timeout", closeTimeout);
    if (deliveryTimeout.compareTo(linger.plus(requestTimeout)) < 0) {
      throw new IllegalArgumentException("backbone.sdk.producer.delivery-timeout must be >= linger + request-timeout ("
          + linger.plus(requestTimeout) + ") but was " + deliveryTimeout);
    }
    EnumMap<DomainTopic, String> names = new EnumMap<>(DomainTopic.class);
    for (DomainTopic topic : DomainTopic.values()) {
      String name = topicNames == null ? null : topicNames.get(topic);
      names.put(topic, name == null ? topic.topicName() : name);
      if (names.get(topic).isBlank()) {
        throw new IllegalArgumentException("backbone.sdk.topics." + topic.name().toLowerCase(Locale.ROOT) + " must not be blank");
      }
    }
    topicNames = Map.copyOf(names);
  }

  /** The topic name events of {@code topic} are written to. */
  public String topicName(DomainTopic topic) {
    return topicNames.get(topic);
  }

  /** A builder with every default set; bootstrap servers, source and journal directory are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PublisherConfig}; validation happens in {@link #build()}. */
  public static final class Builder {
    private String bootstrapServers;
    private String clientId = "backbone-sdk";
    private URI source;
    private JournalConfig journal;
    private Path journalDirectory;
    private Duration deliveryTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration maxBlock = Duration.ofSeconds(5);
    private Duration linger = Duration.ofMillis(50);
    private int batchSizeBytes = 128 * 1024;
    private Compression compression = Compression.ZSTD;
    private int maxRequestSizeBytes = 1024 * 1024;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.DEFAULT;
    private int drainBatchSize = 500;
    private Duration closeTimeout = Duration.ofSeconds(30);
    private final Map<DomainTopic, String> topicNames = new EnumMap<>(DomainTopic.class);

    private Builder() {
    }

    /** See {@link PublisherConfig#bootstrapServers()}. */
    public Builder bootstrapServers(String value) {
      bootstrapServers = value;
      return this;
    }

    /** See {@link PublisherConfig#clientId()}. */
    public Builder clientId(String value) {
      clientId = value;
      return this;
    }

    /** See {@link PublisherConfig#source()}. */
    public Builder source(URI value) {
      source = value;
      return this;
    }

    /** A journal in {@code directory} with default bounds. */
    public Builder journalDirectory(Path directory) {
      journalDirectory = directory;
      return this;
    }

    /** A fully specified journal; wins over {@link #journalDirectory(Path)}. */
    public Builder journal(JournalConfig value) {
      journal = value;
      return this;
    }

    /** See {@link PublisherConfig#deliveryTimeout()}. */
    public Builder deliveryTimeout(Duration value) {
      deliveryTimeout = value;
      return this;
    }

    /** See {@link PublisherConfig#requestTimeout()}. */
    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    /** See {@link PublisherConfig#maxBlock()}. */
    public Builder maxBlock(Duration value) {
      maxBlock = value;
      return this;
    }

    /** See {@link PublisherConfig#linger()}. */
    public Builder linger(Duration value) {
      linger = value;
      return this;
    }

    /** See {@link PublisherConfig#batchSizeBytes()}. */
    public Builder batchSizeBytes(int value) {
      batchSizeBytes = value;
      return this;
    }

    /** See {@link PublisherConfig#compression()}. */
    public Builder compression(Compression value) {
      compression = value;
      return this;
    }

    /** See {@link PublisherConfig#maxRequestSizeBytes()}. */
    public Builder maxRequestSizeBytes(int value) {
      maxRequestSizeBytes = value;
      return this;
    }

    /** See {@link PublisherConfig#retry()}. */
    public Builder retry(RetryPolicy value) {
      retry = value;
      return this;
    }

    /** See {@link PublisherConfig#circuitBreaker()}. */
    public Builder circuitBreaker(CircuitBreakerPolicy value) {
      circuitBreaker = value;
      return this;
    }

    /** See {@link PublisherConfig#drainBatchSize()}. */
    public Builder drainBatchSize(int value) {
      drainBatchSize = value;
      return this;
    }

    /** See {@link PublisherConfig#closeTimeout()}. */
    public Builder closeTimeout(Duration value) {
      closeTimeout = value;
      return this;
    }

    /** Writes events of {@code topic} to {@code name} instead of the default topic name. */
    public Builder topicName(DomainTopic topic, String name) {
      topicNames.put(topic, name);
      return this;
    }

    /** Validates and builds. */
    public PublisherConfig build() {
      JournalConfig journalConfig = journal != null ? journal
          : JournalConfig.defaults(present("backbone.sdk.journal.directory", journalDirectory));
      return new PublisherConfig(bootstrapServers, clientId, source, journalConfig, deliveryTimeout, requestTimeout,
          maxBlock, linger, batchSizeBytes, compression, maxRequestSizeBytes, retry, circuitBreaker, drainBatchSize,
          closeTimeout, topicNames);
    }
  }
}
