package dev.backbone.topology.index;

import java.time.Duration;
import java.util.Objects;

/**
 * Typed, validated settings of the index sink loop ({@code backbone.index-sink.*} and
 * {@code backbone.index.timeout}).
 *
 * @param pollTimeout longest wait of one poll ({@code poll-timeout})
 * @param writeTimeout how long one Redis pipeline may take ({@code backbone.index.timeout})
 * @param minBackoff first wait before retrying after Redis failed ({@code min-backoff})
 * @param maxBackoff the wait doubles per failure up to this ({@code max-backoff})
 * @param minReplicas how many Redis replicas must confirm a pipeline before its changes count as written
 *     ({@code min-replicas}); 0 trusts the primary's acknowledgement alone
 */
public record IndexSinkConfig(Duration pollTimeout, Duration writeTimeout, Duration minBackoff, Duration maxBackoff,
    int minReplicas) {

  /** Default {@code poll-timeout}: 200 ms. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);
  /** Default {@code backbone.index.timeout}: 5 s. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
  /** Default {@code min-backoff}: 200 ms. */
  public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(200);
  /** Default {@code max-backoff}: 5 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  /**
   * Default {@code min-replicas}: 1. Redis replicates asynchronously, so writes only the primary holds
   * are lost when Sentinel promotes the replica — and a primary that Sentinel already replaced keeps
   * acknowledging writes until it is demoted. Waiting for one replica (Redis {@code WAIT}) before the
   * sink commits its offsets turns both into retries (the 2026-12-01 slow-service drill lost 1,527
   * index entries to such a failover without it; docs/streams-topology.md, "Index sink loop").
   */
  public static final int DEFAULT_MIN_REPLICAS = 1;

  /** Validates every setting, naming the key and the value on error. */
  public IndexSinkConfig {
    requirePositive("backbone.index-sink.poll-timeout", pollTimeout);
    requirePositive("backbone.index.timeout", writeTimeout);
    requirePositive("backbone.index-sink.min-backoff", minBackoff);
    requirePositive("backbone.index-sink.max-backoff", maxBackoff);
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("backbone.index-sink.max-backoff must be >= backbone.index-sink.min-backoff ("
          + minBackoff + ") but was " + maxBackoff);
    }
    if (minReplicas < 0) {
      throw new IllegalArgumentException("backbone.index-sink.min-replicas must be >= 0 (0: no replica confirms "
          + "index writes) but was " + minReplicas);
    }
  }

  /** All defaults. */
  public static IndexSinkConfig defaults() {
    return new IndexSinkConfig(DEFAULT_POLL_TIMEOUT, DEFAULT_WRITE_TIMEOUT, DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF,
        DEFAULT_MIN_REPLICAS);
  }

  private static void requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, key + " must be set");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be > 0 but was " + value);
    }
  }
}
