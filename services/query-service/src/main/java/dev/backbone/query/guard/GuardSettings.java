package dev.backbone.query.guard;

import java.time.Duration;

/**
 * Resilience settings of one dependency (Redis, or one shard).
 *
 * @param keyPrefix config key prefix used in error messages, e.g. {@code backbone.query.redis}
 * @param timeout time limiter: a call slower than this fails (and counts against the circuit)
 * @param concurrency bulkhead: threads that may call the dependency at once
 * @param queueCapacity bulkhead: calls that may wait for a thread; beyond that calls are rejected
 * @param openFor circuit breaker: how long an open circuit rejects calls before a half-open trickle
 * @param halfOpenCalls circuit breaker: trial calls let through while half-open ("warm gradually")
 */
public record GuardSettings(String keyPrefix, Duration timeout, int concurrency, int queueCapacity, Duration openFor,
    int halfOpenCalls) {

  public static final int DEFAULT_CONCURRENCY = 8;
  public static final int DEFAULT_QUEUE_CAPACITY = 64;
  public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(5);
  public static final int DEFAULT_HALF_OPEN_CALLS = 3;

  /** Validates every setting; errors name the key and the value. */
  public GuardSettings {
    positive(keyPrefix + ".timeout", timeout);
    positive(keyPrefix + ".open-for", openFor);
    atLeast(keyPrefix + ".concurrency", concurrency, 1);
    atLeast(keyPrefix + ".queue-capacity", queueCapacity, 0);
    atLeast(keyPrefix + ".half-open-calls", halfOpenCalls, 1);
  }

  /** Defaults for everything but the timeout. */
  public static GuardSettings withTimeout(String keyPrefix, Duration timeout) {
    return new GuardSettings(keyPrefix, timeout, DEFAULT_CONCURRENCY, DEFAULT_QUEUE_CAPACITY, DEFAULT_OPEN_FOR,
        DEFAULT_HALF_OPEN_CALLS);
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be > 0, but was " + value);
    }
  }

  private static void atLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(key + " must be >= " + min + ", but was " + value);
    }
  }
}
