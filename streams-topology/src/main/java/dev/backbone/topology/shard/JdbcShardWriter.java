package dev.backbone.topology.shard;

import dev.backbone.topology.CustomerState;
import dev.backbone.topology.OrderState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Writes a {@link ShardBatch} into one shard in one transaction with JDBC batches. When
 * {@link #write} returns, the batch is durable (committed); when it throws, nothing of it is.
 * Idempotent: writing the same batch again changes nothing, thanks to the version guard.
 */
public final class JdbcShardWriter implements ShardWriter {

  private final DataSource shard;

  /**
   * Writes to {@code shard}; give it a pgjdbc multi-host URL with {@code targetServerType=primary}
   * so a promoted standby is found without reconfiguration.
   */
  public JdbcShardWriter(DataSource shard) {
    this.shard = Objects.requireNonNull(shard, "shard");
  }

  /**
   * Writes and commits the batch.
   *
   * @throws SQLException when the shard cannot take it; nothing of the batch is applied then
   */
  @Override
  public void write(ShardBatch batch) throws SQLException {
    if (batch.size() == 0) {
      return;
    }
    try (Connection connection = shard.getConnection()) {
      connection.setAutoCommit(false);
      try {
        upsertCustomers(connection, batch);
        upsertOrders(connection, batch);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void upsertCustomers(Connection connection, ShardBatch batch) throws SQLException {
    if (batch.customers().isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(ShardUpsertSql.CUSTOMER)) {
      for (CustomerState row : batch.customers()) {
        upsert.setString(1, row.customerId());
        upsert.setString(2, row.email());
        upsert.setString(3, row.fullName());
        upsert.setString(4, row.status());
        upsert.setLong(5, row.version());
        upsert.setObject(6, timestamp(row.createdAt()));
        upsert.setObject(7, timestamp(row.updatedAt()));
        upsert.setBoolean(8, row.deleted());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static void upsertOrders(Connection connection, ShardBatch batch) throws SQLException {
    if (batch.orders().isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(ShardUpsertSql.ORDER)) {
      for (OrderState row : batch.orders()) {
        upsert.setString(1, row.customerId());
        upsert.setString(2, row.orderId());
        upsert.setString(3, row.status());
        upsert.setLong(4, row.totalMinor());
        upsert.setString(5, row.currency());
        upsert.setLong(6, row.version());
        upsert.setObject(7, timestamp(row.placedAt()));
        upsert.setObject(8, timestamp(row.updatedAt()));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
