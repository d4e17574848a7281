package dev.backbone.query.support;

import dev.backbone.query.Customer;
import dev.backbone.query.Order;
import dev.backbone.query.guard.DependencyGuard;
import dev.backbone.query.guard.GuardSettings;
import dev.backbone.query.index.IndexGateway;
import dev.backbone.index.IndexKeys;
import dev.backbone.query.index.RepairQueue;
import dev.backbone.query.shard.ShardGateway;
import dev.backbone.query.shard.ShardReader;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Two in-memory shards and an in-memory index behind real guards, routed by the real {@link ShardRouter}:
 * {@link #put} places a row on the shard that owns it.
 */
public final class TwoShards implements AutoCloseable {

  public static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);
  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  public final ShardRouter router = new ShardRouter(2);
  public final InMemoryShardReader[] shards = {new InMemoryShardReader(), new InMemoryShardReader()};
  public final InMemoryIndexReader indexReader = new InMemoryIndexReader();
  public final IndexKeys keys = new IndexKeys("test:");
  public final RepairQueue repairs = new RepairQueue(100);
  public final CountingQueryMetrics metrics = new CountingQueryMetrics();
  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor();
  public final ShardGateway gateway;
  public final IndexGateway index;

  public TwoShards() {
    Map<ShardId, ShardReader> readers = new LinkedHashMap<>();
    Map<ShardId, DependencyGuard> guards = new LinkedHashMap<>();
    for (ShardId shard : router.allShards()) {
      readers.put(shard, shards[shard.index()]);
      guards.put(shard, new DependencyGuard(shard.dataSourceName(), settings("shard"), timeouts));
    }
    gateway = new ShardGateway(router, readers, guards);
    index = new IndexGateway(indexReader, new DependencyGuard("redis",
        GuardSettings.withTimeout("redis", REDIS_TIMEOUT), timeouts));
  }

  private static GuardSettings settings(String name) {
    return GuardSettings.withTimeout(name, Duration.ofSeconds(2));
  }

  public InMemoryShardReader shardOf(String customerId) {
    return shards[router.shardFor(customerId).index()];
  }

  /** A customer id that routes to the given shard. */
  public String customerOn(int shard, String prefix) {
    for (int i = 0; ; i++) {
      if (router.shardFor(prefix + i).index() == shard) {
        return prefix + i;
      }
    }
  }

  public Customer putCustomer(String id, String email) {
    Customer customer = new Customer(id, email, "Name " + id, "ACTIVE", 1, T0, T0);
    shardOf(id).put(customer);
    return customer;
  }

  public Order putOrder(String customerId, String orderId, String status, Instant placedAt) {
    Order order = new Order(customerId, orderId, status, 1000, "EUR", 1, placedAt, placedAt);
    shardOf(customerId).put(order);
    return order;
  }

  @Override
  public void close() {
    gateway.close();
    index.close();
    timeouts.shutdownNow();
  }
}
