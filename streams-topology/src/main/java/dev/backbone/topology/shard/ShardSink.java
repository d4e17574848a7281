package dev.backbone.topology.shard;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.SinkBatches;
import dev.backbone.topology.tracing.SinkSpans;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Routes consumed changes to their shards and writes them in per-shard batches, each shard behind
 * its own circuit breaker: a down shard keeps its changes pending (nothing dropped) while the other
 * shards' writes proceed, and is retried when its breaker lets a call through again.
 *
 * <p>{@link #committableOffsets()} is what the consumer may commit: per partition, the offset of the
 * oldest change still pending, or one past the newest offered change. Committing only that makes a
 * kill -9 at any point lose nothing; the re-delivered rest is absorbed by the version guard.
 *
 * <p>Each change's sink span ({@link PendingChange#span()}) gets its shard's index when offered and
 * ends when the shard batch holding it committed, or with status ERROR when its partition is
 * forgotten ({@link SinkSpans}); a failed write adds an event and keeps it open.
 *
 * <p>Not thread-safe: owned by the consumer's poll loop. The caller bounds {@link #pendingCount()}
 * (pausing its partitions when too much is pending).
 */
public final class ShardSink {

  private final ShardRouter router;
  private final Map<ShardId, ShardWriter> writers;
  private final Map<ShardId, CircuitBreaker> breakers = new HashMap<>();
  private final Map<ShardId, SinkBatches> batches = new HashMap<>();
  private final Map<ShardId, List<PendingChange>> pending = new HashMap<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

  /**
   * @param router maps customer ids to shards
   * @param writers one writer per shard of {@code router}
   * @param breakerConfig configuration of each shard's circuit breaker
   */
  public ShardSink(ShardRouter router, Map<ShardId, ? extends ShardWriter> writers, CircuitBreakerConfig breakerConfig) {
    this.router = Objects.requireNonNull(router, "router");
    this.writers = Map.copyOf(writers);
    for (ShardId shard : router.allShards()) {
      if (!this.writers.containsKey(shard)) {
        throw new IllegalArgumentException("writers must cover every shard but has none for shard " + shard);
      }
      breakers.put(shard, CircuitBreaker.of("shard-" + shard.index(), breakerConfig));
      batches.put(shard, new SinkBatches());
    }
  }

  /** Queues a consumed change for its shard. */
  public void offer(PendingChange change) {
    ShardId shard = router.shardFor(change.customerId());
    change.span().setAttribute(SinkSpans.SHARD, shard.index());
    pending.computeIfAbsent(shard, s -> new ArrayList<>()).add(change);
    nextOffsets.merge(change.partition(), change.offset() + 1, Math::max);
  }

  /**
   * Writes every shard's pending changes whose breaker permits a call.
   *
   * @return the shards whose changes are still pending (write failed or breaker open)
   */
  public List<ShardId> flush() {
    List<ShardId> stalled = new ArrayList<>();
    for (Map.Entry<ShardId, List<PendingChange>> entry : pending.entrySet()) {
      List<PendingChange> changes = entry.getValue();
      if (!changes.isEmpty() && !write(entry.getKey(), changes)) {
        stalled.add(entry.getKey());
      }
    }
    return stalled;
  }

  /** Offsets that are safe to commit: nothing before them is still pending. */
  public Map<TopicPartition, Long> committableOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>(nextOffsets);
    for (List<PendingChange> changes : pending.values()) {
      for (PendingChange change : changes) {
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
    for (List<PendingChange> changes : pending.values()) {
      changes.removeIf(change -> {
        if (!partitions.contains(change.partition())) {
          return false;
        }
        SinkSpans.revoked(change.span());
        return true;
      });
    }
    partitions.forEach(nextOffsets::remove);
  }

  /** Changes not yet durable. */
  public int pendingCount() {
    return pending.values().stream().mapToInt(List::size).sum();
  }

  /** The durable writes into a shard, for metrics. */
  public SinkBatches batches(ShardId shard) {
    return batches.get(shard);
  }

  /** The circuit breaker of a shard, for metrics and health. */
  public CircuitBreaker breaker(ShardId shard) {
    return breakers.get(shard);
  }

  private boolean write(ShardId shard, List<PendingChange> changes) {
    CircuitBreaker breaker = breakers.get(shard);
    if (!breaker.tryAcquirePermission()) {
      return false;
    }
    // Only SQLExceptions count against the shard; anything else is a bug and fails the sink.
    ShardBatch batch = new ShardBatch();
    changes.forEach(change -> change.addTo().accept(batch));
    long start = breaker.getCurrentTimestamp();
    try {
      writers.get(shard).write(batch);
    } catch (SQLException e) {
      breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
      changes.forEach(change -> SinkSpans.writeFailed(change.span(), e));
      return false;
    }
    long elapsed = breaker.getCurrentTimestamp() - start;
    breaker.onSuccess(elapsed, breaker.getTimestampUnit());
    batches.get(shard).record(changes.size(), breaker.getTimestampUnit().toNanos(elapsed));
    changes.forEach(change -> SinkSpans.durable(change.span()));
    changes.clear();
    return true;
  }
}
