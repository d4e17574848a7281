package dev.backbone.query.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stale index entries waiting for repair: bounded and in memory. When full, new entries are dropped
 * and counted — never blocking a query — because reconciliation finds every drift anyway; this queue
 * only lets a repairer fix what queries already saw first. Thread-safe.
 */
public final class RepairQueue {

  public static final int DEFAULT_CAPACITY = 10_000;

  private final BlockingQueue<StaleEntry> entries;
  private final AtomicLong dropped = new AtomicLong();

  public RepairQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("backbone.query.repair-queue-capacity must be >= 1, but was " + capacity);
    }
    this.entries = new ArrayBlockingQueue<>(capacity);
  }

  /** Queues the entry; returns false (and counts a drop) when the queue is full. */
  public boolean offer(StaleEntry entry) {
    boolean queued = entries.offer(entry);
    if (!queued) {
      dropped.incrementAndGet();
    }
    return queued;
  }

  /** Removes and returns up to {@code max} entries, oldest first. */
  public List<StaleEntry> drain(int max) {
    List<StaleEntry> drained = new ArrayList<>();
    entries.drainTo(drained, max);
    return drained;
  }

  public int size() {
    return entries.size();
  }

  public long dropped() {
    return dropped.get();
  }
}
