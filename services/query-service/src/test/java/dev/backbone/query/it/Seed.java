package dev.backbone.query.it;

import dev.backbone.sharding.ShardRouter;
import dev.backbone.testkit.TestStack;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Writes rows and index entries the way the sinks do: version-guarded upserts into the owning shard
 * (streams-topology's {@code ShardUpsertSql}) and index keys as docs/streams-topology.md lays them out.
 */
final class Seed implements AutoCloseable {

  private static final String CUSTOMER = """
      INSERT INTO customers AS stored
        (customer_id, email, full_name, status, version, created_at, updated_at, deleted)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (customer_id) DO UPDATE SET
        email = excluded.email, full_name = excluded.full_name, status = excluded.status,
        version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at,
        deleted = excluded.deleted
      WHERE stored.version < excluded.version""";

  private static final String ORDER = """
      INSERT INTO orders AS stored
        (customer_id, order_id, status, total_cents, currency, version, placed_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (customer_id, order_id) DO UPDATE SET
        status = excluded.status, total_cents = excluded.total_cents, currency = excluded.currency,
        version = excluded.version, placed_at = excluded.placed_at, updated_at = excluded.updated_at
      WHERE stored.version < excluded.version""";

  private final TestStack stack;
  private final ShardRouter router;
  private final String prefix;
  private final RedisClient redisClient;
  private final StatefulRedisConnection<String, String> redisConnection;

  Seed(TestStack stack, String indexPrefix) {
    this.stack = stack;
    this.router = new ShardRouter(stack.layout().shardCount());
    this.prefix = indexPrefix;
    this.redisClient = RedisClient.create(RedisURI.create(stack.layout().redisSentinelUri()));
    this.redisConnection = redisClient.connect();
  }

  /** A customer id that routes to {@code shard}. */
  String customerOn(int shard, String name) {
    for (int i = 0; ; i++) {
      String id = name + "-" + i;
      if (router.shardFor(id).index() == shard) {
        return id;
      }
    }
  }

  /** Upserts the row (version-guarded) and indexes its e-mail. */
  void customer(String id, String email, long version) {
    Instant now = Instant.now();
    upsert(id, CUSTOMER, id, email, "Name " + id, "ACTIVE", version, utc(now), utc(now), false);
    redis().set(prefix + "email:" + email.toLowerCase(Locale.ROOT), id);
  }

  /** Upserts the row only: the index is left as it was (how a stale entry arises). */
  void customerRowOnly(String id, String email, long version) {
    Instant now = Instant.now();
    upsert(id, CUSTOMER, id, email, "Name " + id, "ACTIVE", version, utc(now), utc(now), false);
  }

  /** Upserts the row and indexes the order id and its status-set membership. */
  void order(String customerId, String orderId, String status, Instant placedAt, long version) {
    upsert(customerId, ORDER, customerId, orderId, status, 1234L, "EUR", version, utc(placedAt),
        utc(placedAt));
    redis().set(prefix + "order:" + orderId, customerId);
    redis().zadd(prefix + "orders:status:" + status, placedAt.toEpochMilli(), orderId);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Waits until the shard's standby has replayed the customer's {@code expectedOrders} orders (async replication). */
  void awaitOnStandby(int shard, String customerId, int expectedOrders) {
    String url = stack.postgres().shard(shard).standby().orElseThrow().jdbcUrl(dev.backbone.stack.StackLayout.DATABASE);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Connection connection = DriverManager.getConnection(url, "backbone", "");
          PreparedStatement statement = connection.prepareStatement(
              "SELECT (SELECT count(*) FROM customers WHERE customer_id = ?), (SELECT count(*) FROM orders WHERE customer_id = ?)")) {
        statement.setString(1, customerId);
        statement.setString(2, customerId);
        try (java.sql.ResultSet rs = statement.executeQuery()) {
          rs.next();
          if (rs.getInt(1) == 1 && rs.getInt(2) == expectedOrders) {
            return;
          }
        }
        Thread.sleep(100);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the standby of shard " + shard + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("standby of shard " + shard + " did not replay " + customerId + " within 30 s");
  }

  RedisCommands<String, String> redis() {
    return redisConnection.sync();
  }

  private void upsert(String customerId, String sql, Object... params) {
    String url = stack.postgres().shard(router.shardFor(customerId).index()).jdbcUrl();
    try (Connection connection = DriverManager.getConnection(url, "backbone", "");
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("seeding " + customerId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    redisConnection.close();
    redisClient.shutdown();
  }
}
