package dev.backbone.query.index;

import dev.backbone.query.guard.DependencyFailure;
import dev.backbone.query.guard.DependencyGuard;
import dev.backbone.query.lookup.QueryMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the {@link RepairQueue} every second: each stale entry a query saw is removed if Redis
 * still holds what the query saw, so the next look-up of that key is not misled again (it answers
 * by scatter-gather until the index sink or reconciliation writes the right entry). The calls go
 * through the Redis {@link DependencyGuard}: with Redis down or its circuit open, the entries go
 * back to the queue and wait.
 */
public final class IndexRepairWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IndexRepairWorker.class);
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final int BATCH = 200;

  private final RepairQueue queue;
  private final IndexRepairs repairs;
  private final DependencyGuard redis;
  private final QueryMetrics metrics;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "index-repair");
    thread.setDaemon(true);
    return thread;
  });

  public IndexRepairWorker(RepairQueue queue, IndexRepairs repairs, DependencyGuard redis, QueryMetrics metrics) {
    this.queue = queue;
    this.repairs = repairs;
    this.redis = redis;
    this.metrics = metrics;
  }

  public void start() {
    executor.scheduleWithFixedDelay(this::repairQueuedSafely, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Repairs up to {@link #BATCH} queued entries.
   *
   * @return how many were looked at before Redis failed (or all of them)
   */
  int repairQueued() {
    List<StaleEntry> batch = queue.drain(BATCH);
    for (int i = 0; i < batch.size(); i++) {
      StaleEntry entry = batch.get(i);
      try {
        metrics.indexRepair(redis.call(() -> repairs.removeIfUnchanged(entry)));
      } catch (DependencyFailure e) {
        batch.subList(i, batch.size()).forEach(queue::offer);
        return i;
      }
    }
    return batch.size();
  }

  private void repairQueuedSafely() {
    try {
      repairQueued();
    } catch (RuntimeException e) {
      LOG.warn("index repair round failed; the next round retries", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
