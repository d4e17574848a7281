package dev.backbone.sdk.internal;

import dev.backbone.sdk.BufferFullException;
import dev.backbone.sdk.EventRejectedException;
import dev.backbone.sdk.PublishException;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.sdk.PublisherClosedException;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.sdk.internal.PublisherTelemetry.Outcome;
import dev.backbone.sdk.internal.journal.Journal;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per event, between the direct path (send to Kafka) and the journal, and keeps per-key
 * order across the switch.
 *
 * <p>Two modes. DIRECT while the journal is empty and the circuit lets calls through. BUFFERING
 * from the first failed send (or open circuit) until the drainer has emptied the journal. In
 * BUFFERING mode new events must queue behind the sends still in flight, because those may yet
 * fail and be journaled: they wait in a small hand-off queue and are appended when the last
 * in-flight send has completed. Producer callbacks for one partition arrive in send order, so the
 * journal receives failed events in their original order.
 *
 * <p>The way back to DIRECT passes through RESUMING, because under steady load the journal is
 * almost never empty at the instant the drainer looks: once the journal's remainder fits one drain
 * batch, new events wait in the hand-off queue (in memory, bounded like the journal) instead of
 * being journaled; when the drainer has emptied the journal, it sends the queue directly, in order,
 * before anything newer, and DIRECT resumes. A failure on the way journals the queue behind what is
 * already there, as in BUFFERING.
 *
 * <p>A send that fails retires the producer (a forced close), so the sends queued behind it fail
 * as well and are journaled behind it instead of reaching Kafka ahead of it; see
 * {@link #retireProducer}.
 */
public final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Object lock = new Object();
  private final PublisherConfig config;
  private final Journal journal;
  private final CircuitBreaker breaker;
  private final PublisherTelemetry telemetry;
  private final Supplier<Producer<byte[], byte[]>> producerFactory;
  private final Clock clock;
  private Producer<byte[], byte[]> producer;
  /** Closed after a failed send; {@link #liveProducer()} replaces it. */
  private boolean producerRetired;

  private boolean buffering;
  /** The drainer is sending the journal's last entries or the hand-off queue; new events join the queue. */
  private boolean resuming;
  private boolean closed;
  private final LinkedHashSet<Pending> inFlight = new LinkedHashSet<>();
  private final ArrayDeque<Pending> handoff = new ArrayDeque<>();

  /** Creates the dispatcher; it starts in BUFFERING mode when the journal holds events. */
  public Dispatcher(PublisherConfig config, Journal journal, CircuitBreaker breaker, PublisherTelemetry telemetry,
      Supplier<Producer<byte[], byte[]>> producerFactory, Clock clock) {
    this.config = config;
    this.journal = journal;
    this.breaker = breaker;
    this.telemetry = telemetry;
    this.producerFactory = producerFactory;
    this.clock = clock;
    this.producer = producerFactory.get();
    this.buffering = !journal.isEmpty();
  }

  /** Routes one validated, encoded event. Completes {@link Pending#result()} eventually. */
  public void dispatch(Pending pending) {
    boolean direct = false;
    synchronized (lock) {
      if (closed) {
        fail(pending, Outcome.FAILED, new PublisherClosedException("publisher is closed; event " + pending.eventId + " not accepted"));
        return;
      }
      if (!buffering && !resuming && breaker.tryAcquirePermission()) {
        direct = true;
        pending.sentAtMillis = clock.millis();
        inFlight.add(pending);
      } else if (resuming) {
        queueLocked(pending);
      } else {
        buffering = true;
        if (inFlight.isEmpty()) {
          bufferLocked(pending);
        } else {
          queueLocked(pending);
        }
      }
    }
    if (direct) {
      sendDirect(pending);
    }
  }

  /** Puts an event in the hand-off queue, unless queue and journal together are at the journal's bound. */
  private void queueLocked(Pending pending) {
    if (handoff.size() + journal.depth() >= config.journal().maxEntries()) {
      fail(pending, Outcome.FAILED, new BufferFullException("local buffer is full: " + handoff.size()
          + " events wait in memory and " + journal.depth() + " are journaled (backbone.sdk.journal.max-entries="
          + config.journal().maxEntries() + ")"));
    } else {
      handoff.add(pending);
    }
  }

  private void sendDirect(Pending pending) {
    long start = System.nanoTime();
    Producer<byte[], byte[]> sender = liveProducer();
    try {
      sender.send(pending.record, (metadata, error) -> onDirectResult(sender, pending, metadata, error, start));
    } catch (RuntimeException e) {
      onDirectResult(sender, pending, null, e, start);
    }
  }

  private void onDirectResult(Producer<byte[], byte[]> sender, Pending pending, RecordMetadata metadata,
      Exception error, long start) {
    long elapsed = System.nanoTime() - start;
    ErrorClassifier.Kind kind = error == null ? null : ErrorClassifier.classify(error);
    if (error == null) {
      breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
      pending.result.complete(new PublishReceipt.Kafka(pending.eventId, metadata.topic(), metadata.partition(), metadata.offset()));
      telemetry.finish(pending.span, pending.record.topic(), Outcome.KAFKA, pending.startNanos, null);
      pending.outcome = Pending.DirectOutcome.DONE;
    } else if (kind == ErrorClassifier.Kind.REJECTED) {
      breaker.releasePermission();
      fail(pending, Outcome.REJECTED, rejection(pending, error));
      pending.outcome = Pending.DirectOutcome.DONE;
    } else {
      breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
      LOG.debug("[publisher {}] send of event {} failed ({}); buffering it", config.clientId(), pending.eventId, error.toString());
      pending.outcome = Pending.DirectOutcome.TO_BUFFER;
    }
    synchronized (lock) {
      if (pending.outcome == Pending.DirectOutcome.TO_BUFFER) {
        // From now on new events queue behind this one, even while older sends are still in flight and
        // it waits for them: a send that failed at once (producer memory full) is followed by the same
        // thread's next publish, which must not go to Kafka directly ahead of it.
        buffering = true;
      }
      releaseCompletedInDispatchOrder();
    }
    if (pending.outcome == Pending.DirectOutcome.TO_BUFFER) {
      retireProducer(sender);
    }
  }

  /**
   * Journals failed direct sends strictly in dispatch order: a send that failed early (for
   * example synchronously, on a full producer buffer) waits until every send dispatched before it
   * has an outcome, so it cannot overtake an older event of the same key that fails later.
   */
  private void releaseCompletedInDispatchOrder() {
    var iterator = inFlight.iterator();
    while (iterator.hasNext()) {
      Pending head = iterator.next();
      Pending.DirectOutcome outcome = head.outcome;
      if (outcome == Pending.DirectOutcome.PENDING) {
        return;
      }
      iterator.remove();
      if (outcome == Pending.DirectOutcome.TO_BUFFER) {
        buffering = true;
        bufferLocked(head);
      }
    }
    // While RESUMING without a failure the queue is the drainer's to send; otherwise it goes to the journal.
    if (buffering) {
      resuming = false;
      while (!handoff.isEmpty()) {
        bufferLocked(handoff.poll());
      }
    }
  }

  private EventRejectedException rejection(Pending pending, Exception error) {
    Throwable cause = ErrorClassifier.unwrap(error);
    EventRejectedException.Reason reason =
        cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
            ? EventRejectedException.Reason.TOO_LARGE
            : cause instanceof AuthorizationException
                ? EventRejectedException.Reason.NOT_AUTHORIZED
                : EventRejectedException.Reason.NON_RETRIABLE;
    return new EventRejectedException(reason, "Kafka rejected event " + pending.eventId + " for topic "
        + pending.record.topic() + ": " + cause.getMessage(), List.of(), cause);
  }

  private void bufferLocked(Pending pending) {
    CompletableFuture<Long> durable;
    try {
      durable = journal.append(RecordFormat.encode(pending.record));
    } catch (PublishException e) {
      fail(pending, Outcome.FAILED, e);
      return;
    }
    durable.whenComplete((sequence, error) -> {
      if (error == null) {
        pending.result.complete(new PublishReceipt.Buffered(pending.eventId, sequence));
        telemetry.finish(pending.span, pending.record.topic(), Outcome.BUFFERED, pending.startNanos, null);
      } else {
        fail(pending, Outcome.FAILED, ErrorClassifier.unwrap(error));
      }
    });
  }

  private void fail(Pending pending, Outcome outcome, Throwable error) {
    pending.result.completeExceptionally(error);
    telemetry.finish(pending.span, pending.record.topic(), outcome, pending.startNanos, error);
  }

  /**
   * Enters RESUMING: new events stop going to the journal and wait in memory while the drainer
   * sends the journal's remainder. Called by the drainer after a successful batch, when the rest
   * fits one more batch.
   */
  public void beginResume() {
    synchronized (lock) {
      if (buffering && !resuming && inFlight.isEmpty() && circuitLetsCallsThrough()) {
        resuming = true;
      }
    }
  }

  /** A drain failed while RESUMING: the events waiting in memory are journaled behind the rest. */
  public void abortResume() {
    synchronized (lock) {
      if (buffering && resuming) {
        resuming = false;
        while (!handoff.isEmpty()) {
          bufferLocked(handoff.poll());
        }
      }
    }
  }

  /**
   * Switches back to DIRECT when the journal is empty, nothing is in flight and the circuit is not
   * open; events that waited in memory meanwhile are sent first, in order. Called by the drainer.
   *
   * @return whether the dispatcher is in DIRECT mode afterwards
   */
  public boolean tryResumeDirect() {
    synchronized (lock) {
      if (!buffering) {
        return true;
      }
      if (!journal.isEmpty() || !inFlight.isEmpty() || !circuitLetsCallsThrough()) {
        return false;
      }
      buffering = false;
      resuming = !handoff.isEmpty();
      LOG.info("[publisher {}] buffer drained; publishing directly to Kafka again", config.clientId());
    }
    sendQueuedDirectly();
    return !isBuffering();
  }

  /**
   * Sends the hand-off queue directly, oldest first, until it is empty; events dispatched meanwhile
   * join its end, so nothing newer overtakes it. A failed send puts the dispatcher back into
   * BUFFERING, which journals whatever is still queued.
   */
  private void sendQueuedDirectly() {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      synchronized (lock) {
        if (buffering || handoff.isEmpty()) {
          resuming = false;
          return;
        }
        long now = clock.millis();
        while (!handoff.isEmpty()) {
          if (!breaker.tryAcquirePermission()) {
            buffering = true;
            releaseCompletedInDispatchOrder();
            break;
          }
          Pending pending = handoff.poll();
          pending.sentAtMillis = now;
          inFlight.add(pending);
          batch.add(pending);
        }
      }
      batch.forEach(this::sendDirect);
    }
  }

  private boolean circuitLetsCallsThrough() {
    CircuitBreaker.State state = breaker.getState();
    return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
  }

  /** Opens the circuit when a direct send has been pending longer than the stall timeout. */
  public void checkStall() {
    long oldest;
    synchronized (lock) {
      if (inFlight.isEmpty()) {
        return;
      }
      oldest = inFlight.iterator().next().sentAtMillis;
    }
    long pendingFor = clock.millis() - oldest;
    if (pendingFor >= config.circuitBreaker().stallTimeout().toMillis()
        && breaker.getState() == CircuitBreaker.State.CLOSED) {
      LOG.warn("[publisher {}] a send has been pending for {} ms; opening the circuit and buffering new events",
          config.clientId(), pendingFor);
      breaker.transitionToOpenState();
    }
  }

  /** Whether events are currently routed to the journal. */
  public boolean isBuffering() {
    synchronized (lock) {
      return buffering;
    }
  }

  /** The producer to send with: a new one if the last was retired. Used by direct sends and the drainer. */
  public Producer<byte[], byte[]> liveProducer() {
    synchronized (lock) {
      if (producerRetired) {
        producerRetired = false;
        producer = producerFactory.get();
        LOG.info("[publisher {}] created a new producer to replace the retired one", config.clientId());
      }
      return producer;
    }
  }

  /**
   * Closes {@code failed} at once, unless it is already retired or replaced; the next
   * {@link #liveProducer()} creates a new one. Called for every send that failed in a way that
   * sends its event to the journal.
   *
   * <p>Why: when a batch expires, the idempotent producer bumps its epoch and goes on writing the
   * batches behind it, so a later event of the same key would reach Kafka while the earlier one
   * waits in the journal, and the fold would see them out of order. A forced close aborts every
   * batch still in the producer; those sends fail too and are journaled behind the first failure,
   * in their order. Safe to call from a producer callback (Kafka then closes without waiting).
   */
  public void retireProducer(Producer<byte[], byte[]> failed) {
    synchronized (lock) {
      if (failed != producer || producerRetired) {
        return;
      }
      producerRetired = true;
    }
    LOG.info("[publisher {}] a send failed; closing the producer so nothing queued behind it overtakes it",
        config.clientId());
    failed.close(Duration.ZERO);
  }

  /**
   * Stops accepting events and closes the producer, waiting up to {@code timeout} for in-flight
   * sends; those that do not complete are journaled by their failure callbacks.
   */
  public void close(Duration timeout) {
    abortResume();
    Producer<byte[], byte[]> last;
    synchronized (lock) {
      closed = true;
      last = producer;
    }
    last.close(timeout);
  }
}
