package dev.backbone.topology.shard;

import dev.backbone.sharding.ShardId;
import dev.backbone.topology.SinkBatches;
import dev.backbone.topology.tracing.SinkSpans;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;

/**
 * One shard's compartment of the {@link ShardSink}: its circuit breaker, its own writer thread (the
 * bulkhead: a shard that hangs holds only this thread, never the poll loop or another shard), the
 * changes waiting for it and the one batch in flight.
 *
 * <p>Everything but the write itself runs on the poll loop's thread: the lane builds the batch
 * there, hands only the batch to its writer thread, and settles the outcome (breaker, metrics,
 * spans, re-queueing) when the loop next looks. Not thread-safe beyond that hand-off.
 */
final class ShardLane implements AutoCloseable {

  /** What the writer thread reports back: how long the write took, and its failure if it failed. */
  private record Outcome(long elapsed, SQLException failure) {
  }

  private final ShardId shard;
  private final ShardWriter writer;
  private final CircuitBreaker breaker;
  private final SinkBatches batches = new SinkBatches();
  private final ExecutorService thread;
  private List<PendingChange> waiting = new ArrayList<>();
  private List<PendingChange> inFlight = List.of();
  private Future<Outcome> write;
  /** In-flight changes whose partition was revoked meanwhile: neither re-queued nor marked durable. */
  private final Set<PendingChange> forgotten = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean lastWriteFailed;

  ShardLane(ShardId shard, ShardWriter writer, CircuitBreaker breaker) {
    this.shard = shard;
    this.writer = writer;
    this.breaker = breaker;
    this.thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "shard-sink-writer-" + shard.index());
      t.setDaemon(true);
      return t;
    });
  }

  void offer(PendingChange change) {
    waiting.add(change);
  }

  /**
   * Starts a write of everything waiting, unless a write is still in flight (one at a time keeps
   * the shard's writes in order) or the breaker refuses.
   */
  void startWrite() {
    if (write != null || waiting.isEmpty()) {
      return;
    }
    if (!breaker.tryAcquirePermission()) {
      return;
    }
    ShardBatch batch = new ShardBatch();
    waiting.forEach(change -> change.addTo().accept(batch));
    inFlight = waiting;
    waiting = new ArrayList<>();
    write = thread.submit(() -> {
      long start = breaker.getCurrentTimestamp();
      try {
        writer.write(batch);
        return new Outcome(breaker.getCurrentTimestamp() - start, null);
      } catch (SQLException e) {
        return new Outcome(breaker.getCurrentTimestamp() - start, e);
      }
    });
  }

  /**
   * Settles the write in flight if it ends by {@code deadlineNanos} ({@link System#nanoTime()}):
   * durable changes leave the lane; a failed write counts against the breaker and its changes go
   * back to the front of the queue, in order.
   *
   * @throws IllegalStateException when the writer failed with anything but an {@code SQLException}
   *     (a bug, not the shard: the sink must fail)
   */
  void settle(long deadlineNanos) throws InterruptedException {
    if (write == null) {
      return;
    }
    Outcome outcome;
    try {
      outcome = write.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return;
    } catch (ExecutionException e) {
      throw new IllegalStateException("shard " + shard.index() + ": the writer failed unexpectedly", e.getCause());
    }
    write = null;
    List<PendingChange> settled = inFlight;
    inFlight = List.of();
    settled.removeIf(forgotten::contains);
    forgotten.clear();
    lastWriteFailed = outcome.failure() != null;
    if (lastWriteFailed) {
      breaker.onError(outcome.elapsed(), breaker.getTimestampUnit(), outcome.failure());
      settled.forEach(change -> SinkSpans.writeFailed(change.span(), outcome.failure()));
      settled.addAll(waiting);
      waiting = settled;
      return;
    }
    breaker.onSuccess(outcome.elapsed(), breaker.getTimestampUnit());
    batches.record(settled.size(), breaker.getTimestampUnit().toNanos(outcome.elapsed()));
    settled.forEach(change -> SinkSpans.durable(change.span()));
  }

  /**
   * Whether changes wait here for a reason other than the write in progress finishing: the last
   * write failed, the breaker refused the next one, or a write is still running past the deadline.
   */
  boolean stalled() {
    return pendingCount() > 0 && (lastWriteFailed || write != null || breaker.getState() == CircuitBreaker.State.OPEN);
  }

  /** Every change not yet durable: waiting and in flight. */
  List<PendingChange> notDurable() {
    List<PendingChange> all = new ArrayList<>(inFlight.size() + waiting.size());
    inFlight.stream().filter(change -> !forgotten.contains(change)).forEach(all::add);
    all.addAll(waiting);
    return all;
  }

  int pendingCount() {
    return inFlight.size() - forgotten.size() + waiting.size();
  }

  /** Drops the changes of revoked partitions; an in-flight one is only marked (its write cannot be recalled). */
  void forget(Collection<TopicPartition> partitions) {
    waiting.removeIf(change -> {
      if (!partitions.contains(change.partition())) {
        return false;
      }
      SinkSpans.revoked(change.span());
      return true;
    });
    for (PendingChange change : inFlight) {
      if (partitions.contains(change.partition()) && forgotten.add(change)) {
        SinkSpans.revoked(change.span());
      }
    }
  }

  SinkBatches batches() {
    return batches;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  /** Stops the writer thread, letting a write in flight finish for up to 5 s (it is re-delivered if cut off). */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
