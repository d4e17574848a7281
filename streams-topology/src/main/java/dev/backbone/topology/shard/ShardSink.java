package dev.backbone.topology.shard;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.SinkBatches;
import dev.backbone.topology.tracing.SinkSpans;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Routes consumed changes to their shards and writes them in per-shard batches, each shard in its own
 * compartment ({@link ShardLane}): its own circuit breaker and its own writer thread. A shard that is
 * down keeps its changes pending (nothing dropped) and is retried when its breaker lets a call
 * through again; a shard that <em>hangs</em> (a write waiting on a socket timeout) holds only its own
 * thread, while the other shards' writes proceed and commit.
 *
 * <p>{@link #committableOffsets()} is what the consumer may commit: per partition, the offset of the
 * oldest change still pending (waiting or in flight), or one past the newest offered change.
 * Committing only that makes a kill -9 at any point lose nothing; the re-delivered rest is absorbed
 * by the version guard.
 *
 * <p>Each change's sink span ({@link PendingChange#span()}) gets its shard's index when offered and
 * ends when the shard batch holding it committed, or with status ERROR when its partition is
 * forgotten ({@link SinkSpans}); a failed write adds an event and keeps it open.
 *
 * <p>Not thread-safe: owned by the consumer's poll loop (the lanes' threads only run writes). The
 * caller bounds {@link #pendingCount()} (pausing its partitions when too much is pending).
 */
public final class ShardSink implements AutoCloseable {

  private final ShardRouter router;
  private final Map<ShardId, ShardLane> lanes = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

  /**
   * @param router maps customer ids to shards
   * @param writers one writer per shard of {@code router}
   * @param breakerConfig configuration of each shard's circuit breaker
   */
  public ShardSink(ShardRouter router, Map<ShardId, ? extends ShardWriter> writers, CircuitBreakerConfig breakerConfig) {
    this.router = Objects.requireNonNull(router, "router");
    for (ShardId shard : router.allShards()) {
      ShardWriter writer = writers.get(shard);
      if (writer == null) {
        lanes.values().forEach(ShardLane::close);
        throw new IllegalArgumentException("writers must cover every shard but has none for shard " + shard);
      }
      lanes.put(shard, new ShardLane(shard, writer, CircuitBreaker.of("shard-" + shard.index(), breakerConfig)));
    }
  }

  /** Queues a consumed change for its shard. */
  public void offer(PendingChange change) {
    ShardId shard = router.shardFor(change.customerId());
    change.span().setAttribute(SinkSpans.SHARD, shard.index());
    lanes.get(shard).offer(change);
    nextOffsets.merge(change.partition(), change.offset() + 1, Math::max);
  }

  /**
   * Writes every shard's pending changes whose breaker permits a call and waits until they are
   * durable or failed: for tests and callers without a deadline.
   *
   * @return the shards whose changes are still pending (write failed or breaker open)
   */
  public List<ShardId> flush() {
    return flush(Duration.ofDays(1));
  }

  /**
   * Settles the writes that finished, starts a write on every shard that has changes waiting and
   * none in flight (breaker permitting), and waits at most {@code wait} for them: a hung shard
   * costs the caller {@code wait}, not its socket timeout, and is looked at again next time.
   *
   * @return the shards whose changes are still pending: write failed, breaker open, or still writing
   */
  public List<ShardId> flush(Duration wait) {
    try {
      long now = System.nanoTime();
      for (ShardLane lane : lanes.values()) {
        lane.settle(now); // whatever finished since the last flush, so a failed batch is retried now
      }
      lanes.values().forEach(ShardLane::startWrite);
      long deadline = now + Math.min(wait.toNanos(), Long.MAX_VALUE / 4);
      for (ShardLane lane : lanes.values()) {
        lane.settle(deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the loop is stopping; pending changes are re-delivered
    }
    List<ShardId> stalled = new ArrayList<>();
    lanes.forEach((shard, lane) -> {
      if (lane.stalled()) {
        stalled.add(shard);
      }
    });
    return stalled;
  }

  /** Offsets that are safe to commit: nothing before them is still pending. */
  public Map<TopicPartition, Long> committableOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>(nextOffsets);
    for (ShardLane lane : lanes.values()) {
      for (PendingChange change : lane.notDurable()) {
        offsets.merge(change.partition(), change.offset(), Math::min);
      }
    }
    return offsets;
  }

  /**
   * Forgets everything read from {@code partitions} (after they were revoked): their pending changes
   * are re-delivered to the partitions' new owner from the last committed offset.
   */
  public void forget(Collection<TopicPartition> partitions) {
    lanes.values().forEach(lane -> lane.forget(partitions));
    partitions.forEach(nextOffsets::remove);
  }

  /** Changes not yet durable. */
  public int pendingCount() {
    return lanes.values().stream().mapToInt(ShardLane::pendingCount).sum();
  }

  /** The durable writes into a shard, for metrics. */
  public SinkBatches batches(ShardId shard) {
    return lanes.get(shard).batches();
  }

  /** The circuit breaker of a shard, for metrics and health. */
  public CircuitBreaker breaker(ShardId shard) {
    return lanes.get(shard).breaker();
  }

  /** Stops the writer threads; a write still running gets a few seconds (its changes are re-delivered if cut off). */
  @Override
  public void close() {
    lanes.values().forEach(ShardLane::close);
  }
}
