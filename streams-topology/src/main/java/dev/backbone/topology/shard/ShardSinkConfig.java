package dev.backbone.topology.shard;

import java.time.Duration;
import java.util.Objects;

/**
 * Typed, validated settings of the shard sink loop ({@code backbone.shard-sink.*}).
 *
 * @param pollTimeout longest wait of one poll ({@code poll-timeout}); also how often a stalled
 *     shard is retried while its partitions are paused
 * @param maxPending changes held for stalled shards before consumption pauses ({@code max-pending})
 */
public record ShardSinkConfig(Duration pollTimeout, int maxPending) {

  /** Default {@code poll-timeout}: 200 ms. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);
  /** Default {@code max-pending}: 50 000 changes. */
  public static final int DEFAULT_MAX_PENDING = 50_000;

  /** Validates every setting, naming the key and the value on error. */
  public ShardSinkConfig {
    Objects.requireNonNull(pollTimeout, "backbone.shard-sink.poll-timeout must be set");
    if (pollTimeout.isNegative() || pollTimeout.isZero()) {
      throw new IllegalArgumentException("backbone.shard-sink.poll-timeout must be > 0 but was " + pollTimeout);
    }
    if (maxPending <= 0) {
      throw new IllegalArgumentException("backbone.shard-sink.max-pending must be > 0 but was " + maxPending);
    }
  }

  /** All defaults. */
  public static ShardSinkConfig defaults() {
    return new ShardSinkConfig(DEFAULT_POLL_TIMEOUT, DEFAULT_MAX_PENDING);
  }
}
