package dev.backbone.sdk.internal;

import dev.backbone.sdk.PublishReceipt;
import io.opentelemetry.api.trace.Span;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One event on its way to an acknowledgement. Identity-compared: it is tracked in in-flight
 * sets.
 */
public final class Pending {

  final ProducerRecord<byte[], byte[]> record;
  final dev.backbone.contracts.EventId eventId;
  final CompletableFuture<PublishReceipt> result = new CompletableFuture<>();
  final Span span;
  final long startNanos;
  long sentAtMillis;
  /** Set on the producer thread when the direct send ended; read under the dispatcher lock. */
  volatile DirectOutcome outcome = DirectOutcome.PENDING;

  /** How a direct send ended. */
  enum DirectOutcome {
    /** Not yet known. */
    PENDING,
    /** Completed (acked or rejected); nothing left to do. */
    DONE,
    /** Failed retriably: to be journaled, in dispatch order. */
    TO_BUFFER
  }

  /** Creates a pending publish. */
  public Pending(ProducerRecord<byte[], byte[]> record, dev.backbone.contracts.EventId eventId, Span span, long startNanos) {
    this.record = record;
    this.eventId = eventId;
    this.span = span;
    this.startNanos = startNanos;
  }

  /** Completes with the receipt or the error. */
  public CompletableFuture<PublishReceipt> result() {
    return result;
  }
}
