package dev.backbone.topology.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Decides what happens when a Streams thread dies. An error Kafka returned (an {@link ApiException}
 * anywhere in the cause chain: a transaction the coordinator aborted while every broker was down, a
 * fenced producer) is survivable, and so is a producer left unusable by a transaction commit that
 * timed out (the client throws an {@code IllegalStateException} for it, seen when the network-partition
 * drill cut the app off Kafka in full mode): the thread is replaced, and under {@code exactly_once_v2} the new
 * one resumes from the last committed transaction, so nothing is lost or applied twice. Anything
 * else (a bug), or more than {@code budget} replacements within {@code window}, shuts the client
 * down: the process exits non-zero and its supervisor restarts it rather than looping here.
 */
final class StreamThreadRecovery {

  /** Replacements allowed within {@link #DEFAULT_WINDOW}. */
  static final int DEFAULT_BUDGET = 3;
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  private final int budget;
  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> replacements = new ArrayDeque<>();

  StreamThreadRecovery(int budget, Duration window, Clock clock) {
    this.budget = budget;
    this.window = window;
    this.clock = clock;
  }

  synchronized StreamThreadExceptionResponse decide(Throwable error) {
    if (!isKafkaError(error)) {
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    Instant now = clock.instant();
    while (!replacements.isEmpty() && replacements.peekFirst().isBefore(now.minus(window))) {
      replacements.pollFirst();
    }
    if (replacements.size() >= budget) {
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    replacements.addLast(now);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private static boolean isKafkaError(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ApiException || isTimedOutCommit(cause)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Kafka producer's "previous call to `commitTransaction` (or another transactional call) timed
   * out and must be retried": it has no type of its own. A new thread brings a new transactional producer, which aborts the open
   * transaction; the thread resumes from the last committed one.
   */
  private static boolean isTimedOutCommit(Throwable cause) {
    return cause instanceof IllegalStateException && cause.getMessage() != null
        && cause.getMessage().contains("` timed out and must be retried");
  }
}
