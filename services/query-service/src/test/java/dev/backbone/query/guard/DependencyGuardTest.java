package dev.backbone.query.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DependencyGuardTest {

  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor();
  private final DependencyGuard guard = new DependencyGuard("dep",
      new GuardSettings("test.dep", Duration.ofMillis(100), 2, 4, Duration.ofMillis(200), 1), timeouts);

  @AfterEach
  void close() {
    guard.close();
    timeouts.shutdownNow();
  }

  @Test
  void shouldFailASlowCallAfterTheTimeout() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> guard.call(() -> {
      Thread.sleep(2_000);
      return 1;
    })).isInstanceOf(DependencyFailure.class).hasCauseInstanceOf(TimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void shouldOpenAfterFailuresAndCloseAgainOnceTheDependencyAnswers() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> guard.call(() -> {
        throw new IllegalStateException("down");
      })).isInstanceOf(DependencyFailure.class);
    }
    assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> guard.call(() -> 1)).hasCauseInstanceOf(CallNotPermittedException.class);

    Thread.sleep(300); // openFor elapses: a half-open trial call is let through
    assertThat(guard.call(() -> 7)).isEqualTo(7);
    assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void shouldNameTheKeyOfABadSetting() {
    assertThatThrownBy(() -> new GuardSettings("backbone.query.redis", Duration.ofMillis(-1), 1, 0, Duration.ofSeconds(1), 1))
        .hasMessage("backbone.query.redis.timeout must be > 0, but was PT-0.001S");
  }

  @Test
  void shouldObserveEveryCallAsAChildOfTheCallersObservationNamingTheDependencyAndItsFailure() {
    List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }

      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }
    });
    DependencyGuard observed = new DependencyGuard("redis",
        new GuardSettings("test.redis", Duration.ofMillis(500), 2, 4, Duration.ofMillis(200), 1), timeouts, registry);

    Observation request = Observation.start("http.server.requests", registry);
    try (Observation.Scope scope = request.openScope()) {
      observed.call(() -> 1);
      assertThatThrownBy(() -> observed.call(() -> {
        throw new IllegalStateException("redis is down");
      })).isInstanceOf(DependencyFailure.class);
    }
    request.stop();
    observed.close();

    List<Observation.Context> calls = stopped.stream()
        .filter(context -> context.getName().equals(DependencyGuard.OBSERVATION)).toList();
    assertThat(calls).hasSize(2).allSatisfy(call -> {
      assertThat(call.getParentObservation().getContextView()).isSameAs(request.getContext());
      assertThat(call.getLowCardinalityKeyValue(DependencyGuard.DEPENDENCY_TAG).getValue()).isEqualTo("redis");
    });
    assertThat(calls.get(0).getError()).isNull();
    assertThat(calls.get(1).getError()).isInstanceOf(IllegalStateException.class).hasMessage("redis is down");
  }
}
