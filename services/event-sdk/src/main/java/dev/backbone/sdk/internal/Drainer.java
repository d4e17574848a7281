package dev.backbone.sdk.internal;

import dev.backbone.sdk.PublisherConfig;
import dev.backbone.sdk.RetryPolicy;
import dev.backbone.sdk.internal.journal.Journal;
import dev.backbone.sdk.internal.journal.JournalEntry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-publishes journaled events in FIFO order, one batch at a time, and removes them from the
 * journal only after Kafka acknowledged the whole batch. A batch is one call for the circuit
 * breaker (so a half-open probe is one batch) and is retried with exponential backoff and jitter
 * for retriable errors. A failed round rewinds to the first unacknowledged entry: the next round
 * re-sends from there, so events may be duplicated in Kafka but never lost or skipped.
 *
 * <p>After a failed batch, its entries go one at a time. An event Kafka rejects for what it is
 * ({@link ErrorClassifier#rejectsOnlyThisEvent}) would stall every event behind it forever: sent
 * alone, it is set aside in the {@link Quarantine}, on disk, so it is neither lost nor in the way.
 * Other rejections (authorization, unknown topic) stall the drain until an operator fixes them:
 * every event would fail alike.
 */
public final class Drainer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
  private static final long IDLE_WAIT_MILLIS = 100;

  private final PublisherConfig config;
  private final Journal journal;
  private final Dispatcher dispatcher;
  private final CircuitBreaker breaker;
  private final PublisherTelemetry telemetry;
  private final Quarantine quarantine;
  private final Retry retry;
  private final ScheduledExecutorService retryScheduler;
  private final Thread thread;
  private final Object signal = new Object();
  private final Set<Long> deliveredNotAcknowledged = ConcurrentHashMap.newKeySet();
  private boolean signalled;
  private volatile boolean running = true;
  private boolean probing = true;
  /**
   * Last sequence of the latest batch that failed: up to it, entries go one at a time, so one bad
   * event cannot fail its neighbours again. (An event larger than the topic allows can fail a whole
   * batch with a timeout: the producer keeps splitting a batch that never gets small enough, until
   * the delivery timeout.)
   */
  private long oneAtATimeUntil = -1;

  /** Creates and starts the drainer thread. */
  public Drainer(PublisherConfig config, Journal journal, Dispatcher dispatcher, CircuitBreaker breaker,
      PublisherTelemetry telemetry, Quarantine quarantine) {
    this.config = config;
    this.journal = journal;
    this.dispatcher = dispatcher;
    this.breaker = breaker;
    this.telemetry = telemetry;
    this.quarantine = quarantine;
    RetryPolicy policy = config.retry();
    this.retry = Retry.of(config.clientId() + "-drain", RetryConfig.custom()
        .maxAttempts(policy.maxAttempts())
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
            policy.initialBackoff(), policy.multiplier(), policy.jitter(), policy.maxBackoff()))
        .retryOnException(ErrorClassifier::isRetriable)
        .build());
    this.retryScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "backbone-sdk-retry");
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::loop, "backbone-sdk-drainer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Tells the drainer that new entries are durable. Never blocks. */
  public void wake() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      try {
        dispatcher.checkStall();
        if (journal.isEmpty()) {
          dispatcher.tryResumeDirect();
          await(IDLE_WAIT_MILLIS);
          continue;
        }
        // After a failure, probe with the head entry alone: a large batch sent into a cluster that is
        // only partly back could land its later records while earlier ones expire (reordering).
        List<JournalEntry> batch = journal.read(probing ? 1 : config.drainBatchSize());
        if (batch.isEmpty()) {
          await(IDLE_WAIT_MILLIS);
          continue;
        }
        if (!breaker.tryAcquirePermission()) {
          dispatcher.abortResume();
          journal.rewind();
          await(IDLE_WAIT_MILLIS);
          continue;
        }
        drain(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        if (!running) {
          return; // closing: the interrupt broke a journal read
        }
        LOG.error("[drainer {}] unexpected error; rewinding and retrying", config.clientId(), e);
        dispatcher.abortResume();
        journal.rewind();
        sleep(config.retry().maxBackoff());
      }
    }
  }

  private void drain(List<JournalEntry> batch) throws InterruptedException, IOException {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(batch.size());
    for (JournalEntry entry : batch) {
      records.add(RecordFormat.decode(entry.payload()));
    }
    long start = System.nanoTime();
    try {
      retry.executeCompletionStage(retryScheduler, () -> sendOnce(batch, records)).toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = ErrorClassifier.unwrap(e);
      if (ErrorClassifier.rejectsOnlyThisEvent(cause)) {
        setAsideRejected(batch, records, cause);
        return;
      }
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
      telemetry.drainFailed();
      dispatcher.abortResume();
      oneAtATimeThrough(batch);
      journal.rewind();
      if (ErrorClassifier.isRetriable(cause)) {
        LOG.warn("[drainer {}] re-publishing {} buffered events failed ({}); they stay buffered",
            config.clientId(), journal.depth(), cause.toString());
      } else {
        LOG.error("[drainer {}] Kafka rejects buffered event(s) ({}); draining is stalled until the cause is fixed",
            config.clientId(), cause.toString());
      }
      sleep(min(config.retry().maxBackoff(), config.circuitBreaker().waitInOpenState()));
      return;
    }
    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    journal.acknowledge(batch);
    probing = journal.acknowledgedSequence() < oneAtATimeUntil;
    batch.forEach(entry -> deliveredNotAcknowledged.remove(entry.sequence()));
    telemetry.drained(batch.size());
    if (journal.depth() <= config.drainBatchSize()) {
      dispatcher.beginResume();
    }
    if (journal.isEmpty()) {
      dispatcher.tryResumeDirect();
    }
  }

  /** From now until past the end of {@code batch}, entries go one at a time. */
  private void oneAtATimeThrough(List<JournalEntry> batch) {
    probing = true;
    oneAtATimeUntil = Math.max(oneAtATimeUntil, batch.get(batch.size() - 1).sequence());
  }

  /**
   * A batch failed on an event Kafka will never take as it is. Alone, the event goes to the
   * quarantine and leaves the journal; in a larger batch the failing entry is not known, so the
   * entries up to the batch's end go one at a time (those already delivered are not sent again).
   * Kafka itself is healthy: the circuit breaker does not count it, and nothing waits.
   */
  private void setAsideRejected(List<JournalEntry> batch, List<ProducerRecord<byte[], byte[]>> records, Throwable cause)
      throws IOException {
    breaker.releasePermission();
    dispatcher.abortResume();
    if (batch.size() > 1) {
      oneAtATimeThrough(batch);
      journal.rewind();
      return;
    }
    probing = true;
    JournalEntry entry = batch.get(0);
    quarantine.put(entry.sequence(), entry.payload(), records.get(0), cause);
    journal.acknowledge(batch);
    journal.rewind();
    deliveredNotAcknowledged.remove(entry.sequence());
    telemetry.quarantined();
    LOG.error("[drainer {}] Kafka rejects buffered event {} ({}); set aside in {} so the events behind it drain",
        config.clientId(), RecordFormat.eventId(records.get(0)), cause.toString(), quarantine.directory());
  }

  /**
   * Sends the entries of a batch that Kafka has not acknowledged yet. Entries acknowledged in an
   * earlier, partly failed attempt are not sent again, so a partial failure does not duplicate
   * them; they stay in the journal until the whole prefix is acknowledged.
   */
  private CompletionStage<Void> sendOnce(List<JournalEntry> batch, List<ProducerRecord<byte[], byte[]>> records) {
    Producer<byte[], byte[]> producer = dispatcher.liveProducer();
    List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      long sequence = batch.get(i).sequence();
      if (deliveredNotAcknowledged.contains(sequence)) {
        continue;
      }
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks.add(ack);
      try {
        producer.send(records.get(i), (metadata, error) -> {
          if (error == null) {
            deliveredNotAcknowledged.add(sequence);
            ack.complete(null);
          } else {
            retireUnlessOnlyThisEventIsRejected(producer, error);
            ack.completeExceptionally(error);
          }
        });
      } catch (RuntimeException e) {
        retireUnlessOnlyThisEventIsRejected(producer, e);
        ack.completeExceptionally(e);
        break;
      }
    }
    flushQuietly(producer);
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }

  /**
   * Sends the round now instead of after {@code linger}: every round is awaited before the next, so
   * its last, partly filled batch would otherwise idle the whole linger (50 ms by default) — a
   * twentieth of a second per 500 entries, and 25 s for a 500-entry probe sent one entry at a time
   * after a failure. A failure here is the send's failure, which its acknowledgement reports.
   */
  private static void flushQuietly(Producer<byte[], byte[]> producer) {
    try {
      producer.flush();
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // retired (closed) producer: the failed acknowledgements carry the cause
    }
  }

  /**
   * A failed send retires the producer, so the entries behind it in the batch fail too instead of
   * reaching Kafka ahead of it (see {@link Dispatcher#retireProducer}). An event Kafka rejects for
   * what it is does not: it is set aside, and the rest may go on.
   */
  private void retireUnlessOnlyThisEventIsRejected(Producer<byte[], byte[]> producer, Exception error) {
    if (!ErrorClassifier.rejectsOnlyThisEvent(error)) {
      dispatcher.retireProducer(producer);
    }
  }

  private void await(long millis) throws InterruptedException {
    synchronized (signal) {
      if (!signalled) {
        signal.wait(millis);
      }
      signalled = false;
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Stops the drainer; buffered events stay in the journal for the next start. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    retryScheduler.shutdownNow();
  }
}
