package dev.backbone.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.ShardRouter;
import dev.backbone.testkit.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A run's rows in the real shards, as text comparable with an expectation: customers as
 * {@code v<version> <e-mail>} (or {@code DELETED}), orders and payments as {@code <customer id> v<version> <status>}.
 * A run is the prefix of its customer ids ({@code <run>-…}), so runs share the shards without
 * seeing each other's rows.
 */
final class ShardRows {

  private final TestStack stack;

  ShardRows(TestStack stack) {
    this.stack = stack;
  }

  static String customerRow(long version, String email, boolean deleted) {
    return "v" + version + " " + (deleted ? "DELETED" : email);
  }

  /** The first 20 keys whose values differ, as {@code key: expected … but was …}. */
  static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    return keys.stream().filter(key -> !Objects.equals(expected.get(key), actual.get(key)))
        .map(key -> key + ": expected " + expected.get(key) + " but was " + actual.get(key)).limit(20).toList();
  }

  /** Customer rows of the run in every shard; a row in the wrong shard or in two shards fails. */
  Map<String, String> customers(String run) throws SQLException {
    ShardRouter router = new ShardRouter(stack.layout().shardCount());
    Map<String, String> rows = new HashMap<>();
    for (int shard = 0; shard < stack.layout().shardCount(); shard++) {
      try (Connection c = DriverManager.getConnection(stack.layout().shardJdbcUrl(shard), "backbone", "");
          PreparedStatement query = c.prepareStatement(
              "SELECT customer_id, version, email, deleted FROM customers WHERE customer_id LIKE ?")) {
        query.setString(1, run + "-%");
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            assertThat(router.shardFor(id).index()).as("shard of " + id).isEqualTo(shard);
            String previous = rows.put(id, customerRow(rs.getLong(2), rs.getBoolean(4) ? null : rs.getString(3),
                rs.getBoolean(4)));
            assertThat(previous).as("customer " + id + " in one shard only").isNull();
          }
        }
      }
    }
    return rows;
  }

  /** Order rows of the run in every shard; an order in two shards fails. */
  Map<String, String> orders(String run) throws SQLException {
    return inEveryShard(run, "order", shard -> orders(run, shard));
  }

  /** Order rows of the run in one shard. */
  Map<String, String> orders(String run, int shard) throws SQLException {
    return rows(run, shard, "SELECT order_id, customer_id, version, status FROM orders WHERE customer_id LIKE ?");
  }

  /** Payment rows of the run in every shard, as {@code <customer id> v<version> <status>}; a payment in two shards fails. */
  Map<String, String> payments(String run) throws SQLException {
    return inEveryShard(run, "payment", shard -> rows(run, shard,
        "SELECT payment_id, customer_id, version, status FROM payments WHERE customer_id LIKE ?"));
  }

  private Map<String, String> inEveryShard(String run, String kind, ShardQuery query) throws SQLException {
    Map<String, String> rows = new HashMap<>();
    for (int shard = 0; shard < stack.layout().shardCount(); shard++) {
      for (Map.Entry<String, String> row : query.rows(shard).entrySet()) {
        assertThat(rows.put(row.getKey(), row.getValue())).as(kind + " " + row.getKey() + " once").isNull();
      }
    }
    return rows;
  }

  /** (id, customer id, version, status) rows of the run's customers in one shard, by id. */
  private Map<String, String> rows(String run, int shard, String sql) throws SQLException {
    Map<String, String> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(stack.layout().shardJdbcUrl(shard), "backbone", "");
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, run + "-%");
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getString(2) + " v" + rs.getLong(3) + " " + rs.getString(4));
        }
      }
    }
    return rows;
  }

  @FunctionalInterface
  private interface ShardQuery {
    Map<String, String> rows(int shard) throws SQLException;
  }
}
