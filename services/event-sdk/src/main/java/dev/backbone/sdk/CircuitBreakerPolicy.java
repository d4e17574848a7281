package dev.backbone.sdk;

import static dev.backbone.sdk.internal.Checks.between;
import static dev.backbone.sdk.internal.Checks.positive;

import java.time.Duration;

/**
 * The circuit breaker around the producer. While it is open, events go straight to the journal
 * instead of waiting for Kafka timeouts; the drainer probes Kafka in half-open state.
 *
 * @param failureRateThreshold percentage of failed sends that opens the circuit
 *     ({@code backbone.sdk.circuit-breaker.failure-rate-threshold}, default 50)
 * @param slidingWindowSize sends in the count-based window
 *     ({@code backbone.sdk.circuit-breaker.sliding-window-size}, default 20)
 * @param minimumCalls sends before the rate is evaluated
 *     ({@code backbone.sdk.circuit-breaker.minimum-calls}, default 5)
 * @param waitInOpenState time before probing again
 *     ({@code backbone.sdk.circuit-breaker.wait-in-open-state}, default 5 s)
 * @param stallTimeout the circuit also opens when a send has been pending this long, so that a
 *     vanished cluster is noticed before {@code delivery.timeout.ms}
 *     ({@code backbone.sdk.circuit-breaker.stall-timeout}, default 10 s)
 */
public record CircuitBreakerPolicy(
    float failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration waitInOpenState, Duration stallTimeout) {

  /** The defaults listed above. */
  public static final CircuitBreakerPolicy DEFAULT =
      new CircuitBreakerPolicy(50f, 20, 5, Duration.ofSeconds(5), Duration.ofSeconds(10));

  /** Validates every setting. */
  public CircuitBreakerPolicy {
    between("backbone.sdk.circuit-breaker.failure-rate-threshold", failureRateThreshold, 1, 100);
    positive("backbone.sdk.circuit-breaker.sliding-window-size", slidingWindowSize);
    positive("backbone.sdk.circuit-breaker.minimum-calls", minimumCalls);
    positive("backbone.sdk.circuit-breaker.wait-in-open-state", waitInOpenState);
    positive("backbone.sdk.circuit-breaker.stall-timeout", stallTimeout);
  }
}
