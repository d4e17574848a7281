package dev.backbone.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one sink's durable writes for its metrics: batches written, changes in them and the time
 * the writes took. Written by the sink's loop thread, read by the metrics endpoint; a reader may see
 * the three counters from neighbouring batches, which rates over a scrape interval absorb.
 */
public final class SinkBatches {

  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  /** One batch of {@code changeCount} changes was written durably in {@code elapsedNanos}. */
  public void record(int changeCount, long elapsedNanos) {
    batches.incrementAndGet();
    changes.addAndGet(changeCount);
    nanos.addAndGet(elapsedNanos);
  }

  public long batches() {
    return batches.get();
  }

  public long changes() {
    return changes.get();
  }

  public double seconds() {
    return nanos.get() / 1e9;
  }
}
