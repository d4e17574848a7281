package dev.backbone.query.guard;

import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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
 *
 * <p>Every call is an observation ({@value #OBSERVATION}, tagged with the dependency): with the
 * OpenTelemetry bridge that is a child span of the request's span, so a trace shows which Redis or
 * shard call a slow or failed answer waited for. It starts on the caller's thread (where the request's
 * context is) and stops when the call's future completes, on whichever thread that is.
 */
public final class DependencyGuard implements AutoCloseable {

  /** Name of the observation (and span) of one guarded call. */
  public static final String OBSERVATION = "backbone.query.dependency";
  /** Its tag naming the dependency, e.g. {@code redis}. */
  public static final String DEPENDENCY_TAG = "backbone.dependency";

  private final String name;
  private final ObservationRegistry observations;
  private final CircuitBreaker circuitBreaker;
  private final ThreadPoolBulkhead bulkhead;
  private final TimeLimiter timeLimiter;
  private final ScheduledExecutorService scheduler;

  /**
   * @param name dependency name, e.g. {@code redis} or {@code shard_0}: names the Resilience4j instances
   * @param scheduler fires the time limiter's timeouts; shared, owned by the caller
   */
  public DependencyGuard(String name, GuardSettings settings, ScheduledExecutorService scheduler) {
    this(name, settings, scheduler, ObservationRegistry.NOOP);
  }

  /**
   * @param name dependency name, e.g. {@code redis} or {@code shard_0}: names the Resilience4j instances
   * @param scheduler fires the time limiter's timeouts; shared, owned by the caller
   * @param observations where each call is observed (the application's registry: spans and timers)
   */
  public DependencyGuard(String name, GuardSettings settings, ScheduledExecutorService scheduler,
      ObservationRegistry observations) {
    this.name = name;
    this.observations = observations;
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
    Observation observation = Observation.createNotStarted(OBSERVATION, observations)
        .contextualName(name)
        .lowCardinalityKeyValue(DEPENDENCY_TAG, name)
        .start();
    CompletableFuture<T> future;
    try {
      future = circuitBreaker.executeCompletionStage(
          () -> timeLimiter.executeCompletionStage(scheduler, () -> bulkhead.submit(call))).toCompletableFuture();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    return future.whenComplete((value, error) -> {
      if (error != null) {
        observation.error(unwrap(error));
      }
      observation.stop();
    });
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
      throw new DependencyFailure(name, unwrap(e));
    } catch (CancellationException e) {
      throw new DependencyFailure(name, e);
    }
  }

  /** The call's own failure inside a {@code CompletionException} wrapper. */
  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
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
