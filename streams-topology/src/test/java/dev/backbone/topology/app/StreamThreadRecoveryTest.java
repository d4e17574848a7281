package dev.backbone.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadRecoveryTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T11:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  private static StreamsException abortedTransaction() {
    return new StreamsException("Error encountered trying to commit a transaction",
        new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
  }

  @Test
  void shouldReplaceTheThreadWhenKafkaRejectedItsTransactionAfterAnOutage() {
    StreamThreadRecovery recovery = new StreamThreadRecovery(3, Duration.ofMinutes(10), clock);

    assertThat(recovery.decide(abortedTransaction())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void shouldReplaceTheThreadWhoseProducerIsStuckOnATimedOutCommit() {
    StreamThreadRecovery recovery = new StreamThreadRecovery(3, Duration.ofMinutes(10), clock);
    // The message the Kafka 4.1 producer throws (seen in the network-partition drill, full mode).
    StreamsException stuck = new StreamsException("Exception caught in process.", new IllegalStateException(
        "Cannot attempt operation `send` because the previous call to `commitTransaction` timed out and must be retried"));

    assertThat(recovery.decide(stuck)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(recovery.decide(new StreamsException("bug", new IllegalStateException("some other state"))))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void shouldShutDownOnAnythingThatIsNotAKafkaError() {
    StreamThreadRecovery recovery = new StreamThreadRecovery(3, Duration.ofMinutes(10), clock);

    assertThat(recovery.decide(new StreamsException("bug", new NullPointerException())))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void shouldShutDownWhenTheReplacementBudgetOfTheWindowIsSpentAndReplaceAgainLater() {
    StreamThreadRecovery recovery = new StreamThreadRecovery(2, Duration.ofMinutes(10), clock);
    recovery.decide(abortedTransaction());
    now.set(now.get().plusSeconds(60));
    recovery.decide(abortedTransaction());

    assertThat(recovery.decide(abortedTransaction())).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    now.set(now.get().plus(Duration.ofMinutes(10)));
    assertThat(recovery.decide(abortedTransaction())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }
}
