package dev.backbone.query.shard;

import dev.backbone.query.Customer;
import dev.backbone.query.Order;
import dev.backbone.query.OrderCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ShardReader} over one shard's {@link DataSource} (a pool on the shard's multi-host URL, so a
 * promoted standby is found). Listings sort by placed time truncated to milliseconds — the index's
 * score — then by order id in byte order ({@code COLLATE "C"}, as Redis orders members), so index
 * and scatter pages agree.
 */
public final class JdbcShardReader implements ShardReader {

  private static final String CUSTOMER_COLUMNS =
      "customer_id, email, full_name, status, version, created_at, updated_at";
  private static final String ORDER_COLUMNS =
      "customer_id, order_id, status, total_cents, currency, version, placed_at, updated_at";
  private static final String PLACED_MS = "date_trunc('milliseconds', placed_at)";
  /**
   * The scatter-gather look-ups, which every shard answers for every request while Redis is down:
   * public so a test can check on a real shard that each reads one index entry, not the table
   * ({@code ShardQueryPlanIT}).
   */
  public static final String CUSTOMER_BY_EMAIL = "SELECT " + CUSTOMER_COLUMNS
      + " FROM customers WHERE lower(email) = ? AND NOT deleted ORDER BY updated_at DESC LIMIT 1";
  public static final String ORDER_BY_ID = "SELECT " + ORDER_COLUMNS + " FROM orders WHERE order_id = ? LIMIT 1";
  private static final String NEWEST_FIRST = " ORDER BY " + PLACED_MS + " DESC, order_id COLLATE \"C\" DESC LIMIT ?";

  private final DataSource dataSource;

  public JdbcShardReader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<Customer> customer(String customerId) {
    return queryOne("SELECT " + CUSTOMER_COLUMNS + " FROM customers WHERE customer_id = ? AND NOT deleted",
        JdbcShardReader::customerRow, customerId);
  }

  @Override
  public Optional<Customer> customerByEmail(String lowerCaseEmail) {
    return queryOne(CUSTOMER_BY_EMAIL, JdbcShardReader::customerRow, lowerCaseEmail);
  }

  @Override
  public Optional<Order> order(String customerId, String orderId) {
    return queryOne("SELECT " + ORDER_COLUMNS + " FROM orders WHERE customer_id = ? AND order_id = ?",
        JdbcShardReader::orderRow, customerId, orderId);
  }

  @Override
  public Optional<Order> orderById(String orderId) {
    return queryOne(ORDER_BY_ID, JdbcShardReader::orderRow, orderId);
  }

  @Override
  public List<Order> orders(Collection<OrderKey> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<String> customerIds = keys.stream().map(OrderKey::customerId).toList();
    List<String> orderIds = keys.stream().map(OrderKey::orderId).toList();
    String sql = "SELECT " + ORDER_COLUMNS + " FROM orders WHERE (customer_id, order_id) IN"
        + " (SELECT * FROM unnest(?::text[], ?::text[]))";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("text", customerIds.toArray()));
      statement.setArray(2, connection.createArrayOf("text", orderIds.toArray()));
      return readAll(statement, JdbcShardReader::orderRow);
    } catch (SQLException e) {
      throw new ShardQueryException(e);
    }
  }

  @Override
  public List<Order> ordersOfCustomer(String customerId, OrderCursor before, int limit) {
    return listing("customer_id = ?", customerId, before, limit);
  }

  @Override
  public List<Order> ordersByStatus(String status, OrderCursor before, int limit) {
    return listing("status = ?", status, before, limit);
  }

  @Override
  public void ping() {
    queryOne("SELECT 1", rs -> rs.getInt(1));
  }

  private List<Order> listing(String filter, String value, OrderCursor before, int limit) {
    List<Object> params = new ArrayList<>(List.of(value));
    StringBuilder sql = new StringBuilder("SELECT " + ORDER_COLUMNS + " FROM orders WHERE " + filter);
    if (before != null && before.orderId() == null) {
      sql.append(" AND " + PLACED_MS + " < ?");
      params.add(OffsetDateTime.ofInstant(Instant.ofEpochMilli(before.placedAtMillis()), ZoneOffset.UTC));
    } else if (before != null) {
      sql.append(" AND (" + PLACED_MS + " < ? OR (" + PLACED_MS + " = ? AND order_id COLLATE \"C\" < ?))");
      OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochMilli(before.placedAtMillis()), ZoneOffset.UTC);
      params.add(at);
      params.add(at);
      params.add(before.orderId());
    }
    params.add(limit);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql + NEWEST_FIRST)) {
      bind(statement, params.toArray());
      return readAll(statement, JdbcShardReader::orderRow);
    } catch (SQLException e) {
      throw new ShardQueryException(e);
    }
  }

  private <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      List<T> rows = readAll(statement, mapper);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    } catch (SQLException e) {
      throw new ShardQueryException(e);
    }
  }

  private static void bind(PreparedStatement statement, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      statement.setObject(i + 1, params[i]);
    }
  }

  private static <T> List<T> readAll(PreparedStatement statement, RowMapper<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
    }
    return rows;
  }

  private static Customer customerRow(ResultSet rs) throws SQLException {
    return new Customer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
  }

  private static Order orderRow(ResultSet rs) throws SQLException {
    return new Order(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
        rs.getLong(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant());
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
