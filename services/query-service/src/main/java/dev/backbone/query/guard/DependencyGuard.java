package dev.backbone.query.guard;

import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One dependency's compartment: a thread-pool bulkhead runs the call, a time limiter bounds it, and a
 * circuit breaker around both fails fast while the dependency is down and lets a small trickle of
 * trial calls through once {@link GuardSettings#openFor()} has passed, closing again on its own when
 * they succeed. Calls never block the caller longer than the timeout.
 */
public final class DependencyGuard implements AutoCloseable {

  private final String name;
  private final CircuitBreaker circuitBreaker;
  private final ThreadPoolBulkhead bulkhead;
  private final TimeLimiter timeLimiter;
  private final ScheduledExecutorService scheduler;

  /**
   * @param name dependency name, e.g. {@code redis} or {@code shard_0}: names the Resilience4j instances
   * @param scheduler fires the time limiter's timeouts; shared, owned by the caller
   */
  public DependencyGuard(String name, GuardSettings settings, ScheduledExecutorService scheduler) {
    this.name = name;
    this.scheduler = scheduler;
    this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(10)
        .minimumNumberOfCalls(4)
        .failureRateThreshold(50)
        .waitDurationInOpenState(settings.openFor())
        .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
        .build());
    this.bulkhead = ThreadPoolBulkhead.of(name, ThreadPoolBulkheadConfig.custom()
        .coreThreadPoolSize(settings.concurrency())
        .maxThreadPoolSize(settings.concurrency())
        .queueCapacity(settings.queueCapacity())
        .build());
    this.timeLimiter = TimeLimiter.of(name, TimeLimiterConfig.custom()
        .timeoutDuration(settings.timeout())
        .cancelRunningFuture(true)
        .build());
  }

  public String name() {
    return name;
  }

  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  public ThreadPoolBulkhead bulkhead() {
    return bulkhead;
  }

  /**
   * Starts the call; the future fails with the call's exception, a {@code TimeoutException}, a
   * {@code BulkheadFullException} or a {@code CallNotPermittedException} (circuit open).
   */
  public <T> CompletableFuture<T> submit(Callable<T> call) {
    try {
      return circuitBreaker.executeCompletionStage(
          () -> timeLimiter.executeCompletionStage(scheduler, () -> bulkhead.submit(call))).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Runs the call and waits for it.
   *
   * @throws DependencyFailure carrying the underlying cause
   */
  public <T> T call(Callable<T> call) {
    return await(submit(call));
  }

  /** Waits for a future from {@link #submit}, unwrapping its failure into a {@link DependencyFailure}. */
  public <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw new DependencyFailure(name, e.getCause() == null ? e : e.getCause());
    } catch (CancellationException e) {
      throw new DependencyFailure(name, e);
    }
  }

  @Override
  public void close() {
    try {
      bulkhead.close();
    } catch (Exception e) {
      throw new IllegalStateException(name + ": bulkhead did not shut down cleanly", e);
    }
  }
}
