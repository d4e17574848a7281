package dev.backbone.sdk;

import static dev.backbone.sdk.internal.Checks.between;
import static dev.backbone.sdk.internal.Checks.positive;

import java.time.Duration;

/**
 * How the drainer retries re-publishing buffered events: exponential backoff with jitter, for
 * retriable errors only (a non-retriable error surfaces at once). After {@code maxAttempts} the
 * drainer keeps the events and tries again after {@code maxBackoff}; it never gives up on an
 * acknowledged event.
 *
 * @param maxAttempts attempts per round ({@code backbone.sdk.retry.max-attempts}, default 5)
 * @param initialBackoff first wait ({@code backbone.sdk.retry.initial-backoff}, default 200 ms)
 * @param multiplier growth per attempt ({@code backbone.sdk.retry.multiplier}, default 2.0)
 * @param jitter randomization factor in [0, 1) ({@code backbone.sdk.retry.jitter}, default 0.5)
 * @param maxBackoff cap on any wait ({@code backbone.sdk.retry.max-backoff}, default 30 s)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, double jitter, Duration maxBackoff) {

  /** The defaults listed above. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(30));

  /** Validates every setting. */
  public RetryPolicy {
    positive("backbone.sdk.retry.max-attempts", maxAttempts);
    positive("backbone.sdk.retry.initial-backoff", initialBackoff);
    between("backbone.sdk.retry.multiplier", multiplier, 1.0, 10.0);
    between("backbone.sdk.retry.jitter", jitter, 0.0, 0.99);
    positive("backbone.sdk.retry.max-backoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backbone.sdk.retry.max-backoff must be >= backbone.sdk.retry.initial-backoff ("
          + initialBackoff + ") but was " + maxBackoff);
    }
  }
}
