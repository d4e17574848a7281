package dev.backbone.sdk.internal;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one place that decides what a producer error means (one taxonomy, as Kafka Streams'
 * {@code RecordCollectorImpl} does):
 *
 * <ul>
 *   <li>{@link Kind#RETRIABLE}: the cluster is (temporarily) unable to take the event: timeouts,
 *       lost connections, leader changes, not enough in-sync replicas. The event is buffered and
 *       re-published; the circuit breaker counts it.
 *   <li>{@link Kind#REJECTED}: the event itself can never be written: too large, unauthorized,
 *       invalid topic, serialization. Surfaces to the caller at once; never retried or buffered.
 *   <li>{@link Kind#FATAL}: the producer instance is unusable (fenced, broken sequence state,
 *       authentication). The event is buffered, the producer is replaced.
 * </ul>
 *
 * Other non-retriable Kafka API errors are rejections; errors from outside Kafka are treated as
 * retriable-by-buffering: keeping an event is safer than losing it.
 */
public final class ErrorClassifier {

  /** What an error means for the event and the producer. */
  public enum Kind {
    /** Buffer and re-publish; counts as a producer failure. */
    RETRIABLE,
    /** The event can never be written as it is. */
    REJECTED,
    /** The producer must be replaced; the event is buffered. */
    FATAL
  }

  private ErrorClassifier() {
  }

  /** Classifies a send error (unwrapping completion wrappers). */
  public static Kind classify(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ProducerFencedException || cause instanceof OutOfOrderSequenceException
        || cause instanceof AuthenticationException) {
      return Kind.FATAL;
    }
    if (cause instanceof RetriableException) {
      return Kind.RETRIABLE;
    }
    if (cause instanceof ApiException || cause instanceof SerializationException) {
      return Kind.REJECTED;
    }
    if (cause instanceof KafkaException) {
      return Kind.FATAL;
    }
    return Kind.RETRIABLE;
  }

  /**
   * Whether the error rejects this one event for what it is (too large for the topic, an invalid
   * record or timestamp), so that the events behind it may still be written. Rejections of a whole
   * topic or of the client (authorization, unknown or invalid topic) are not: every event would
   * fail the same way, and the drainer keeps them until an operator fixes the cause.
   */
  public static boolean rejectsOnlyThisEvent(Throwable error) {
    Throwable cause = unwrap(error);
    return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
        || cause instanceof InvalidRecordException || cause instanceof InvalidTimestampException
        || cause instanceof SerializationException;
  }

  /** Whether the drainer's retry should try again after this error. */
  public static boolean isRetriable(Throwable error) {
    return classify(error) != Kind.REJECTED;
  }

  /** Strips {@code CompletionException}/{@code ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
        || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
