package dev.backbone.topology.index;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Applies {@link IndexOp}s to Redis in one pipeline: commands are queued without flushing, sent in
 * one write, then awaited together. Connect through Sentinel ({@code redis-sentinel://…}) so a
 * promoted replica is found. When {@link #apply} returns, every op was acknowledged by the primary
 * and, with {@code minReplicas > 0}, by that many of its replicas: a {@code WAIT} ends the pipeline,
 * so a Sentinel failover cannot lose what the caller then commits as written (Redis replicates
 * asynchronously; a primary already replaced by its replica also acknowledges writes until demoted,
 * but no replica confirms them).
 *
 * <p>Owns no connection: give it a dedicated one (auto-flush is switched off on it). Not thread-safe.
 */
public final class LettuceIndexWriter implements IndexWriter {

  /** Deletes KEYS[1] only while it holds ARGV[1]. */
  private static final String DELETE_IF_EQUALS =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

  private final StatefulRedisConnection<String, String> connection;
  private final Duration timeout;
  private final int minReplicas;

  /**
   * @param connection a dedicated connection
   * @param timeout how long one pipeline may take before {@link #apply} fails
   * @param minReplicas replicas that must confirm each pipeline; 0 for the primary's acknowledgement alone
   */
  public LettuceIndexWriter(StatefulRedisConnection<String, String> connection, Duration timeout, int minReplicas) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (minReplicas < 0) {
      throw new IllegalArgumentException("minReplicas must be >= 0 but was " + minReplicas);
    }
    this.minReplicas = minReplicas;
    connection.setAutoFlushCommands(false);
  }

  /**
   * Sends the ops as one pipeline and waits for all replies.
   *
   * @throws IndexWriteException when Redis does not acknowledge every op in time, or fewer than
   *     {@code minReplicas} replicas confirm them; the ops are idempotent, so the caller retries the same list
   * @throws InterruptedException when interrupted while waiting
   */
  @Override
  public void apply(List<IndexOp> ops) throws InterruptedException {
    if (ops.isEmpty()) {
      return;
    }
    RedisAsyncCommands<String, String> redis = connection.async();
    List<RedisFuture<?>> replies = new ArrayList<>(ops.size());
    RedisFuture<Long> replicated = null;
    try {
      for (IndexOp op : ops) {
        replies.add(send(redis, op));
      }
      if (minReplicas > 0) {
        // Half the timeout on the server side, so WAIT's own answer arrives before our deadline.
        replicated = redis.waitForReplication(minReplicas, Math.max(1, timeout.toMillis() / 2));
        replies.add(replicated);
      }
      connection.flushCommands();
    } catch (RedisException e) {
      throw new IndexWriteException("Redis did not take an index pipeline: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long confirmed;
    try {
      for (RedisFuture<?> reply : replies) {
        reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      confirmed = replicated == null ? minReplicas : replicated.get();
    } catch (ExecutionException e) {
      throw new IndexWriteException("Redis rejected an index write: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IndexWriteException("Redis did not acknowledge " + ops.size() + " index writes within " + timeout, e);
    }
    if (confirmed < minReplicas) {
      throw new IndexWriteException("Redis acknowledged " + ops.size() + " index writes but only " + confirmed
          + " of the " + minReplicas + " replica(s) required (backbone.index-sink.min-replicas) confirmed them within "
          + timeout.dividedBy(2) + "; a failover now could lose them, so they are retried", null);
    }
  }

  private static RedisFuture<?> send(RedisAsyncCommands<String, String> redis, IndexOp op) {
    if (op instanceof IndexOp.Put put) {
      return redis.set(put.key(), put.value());
    }
    if (op instanceof IndexOp.DeleteIfEquals delete) {
      return redis.eval(DELETE_IF_EQUALS, ScriptOutputType.INTEGER, new String[] {delete.key()}, delete.value());
    }
    if (op instanceof IndexOp.SortedAdd add) {
      return redis.zadd(add.key(), add.score(), add.member());
    }
    IndexOp.SortedRemove remove = (IndexOp.SortedRemove) op;
    return redis.zrem(remove.key(), remove.member());
  }
}
