package dev.backbone.topology.shard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Writes a {@link ShardBatch} into one shard in one transaction with JDBC batches. When
 * {@link #write} returns, the batch is durable (committed); when it throws, nothing of it is.
 * Idempotent: writing the same batch again changes nothing, thanks to the version guard.
 *
 * <p>Keeps one connection open across batches: opening one per batch (TCP, authentication, the
 * primary check of the multi-host URL, a server process) cost more CPU than the writes themselves.
 * After any failure the connection is dropped and the next batch connects afresh, which is how a
 * promoted standby is found. Not thread-safe: one writer per sink thread.
 */
public final class JdbcShardWriter implements ShardWriter, AutoCloseable {

  private final DataSource shard;
  private Connection connection;

  /**
   * The data source a shard writer needs: {@code url} (a pgjdbc multi-host URL with
   * {@code targetServerType=primary}, so a promoted standby is found without reconfiguration) with
   * pgjdbc rewriting each JDBC batch into multi-row {@code INSERT}s ({@code reWriteBatchedInserts}):
   * one statement per up to 128 rows instead of one per row, which PostgreSQL parses, plans and runs
   * once. Safe for the version-guarded upserts because a {@link ShardBatch} holds one row per key,
   * so no statement updates a row twice, and nothing binds after {@code VALUES}.
   */
  public static PGSimpleDataSource dataSource(String url, String user, String password) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    dataSource.setReWriteBatchedInserts(true);
    return dataSource;
  }

  /**
   * Writes to {@code shard}; give it a {@link #dataSource} (or one like it: a multi-host URL with
   * {@code targetServerType=primary}, batches rewritten into multi-row inserts).
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
    Connection open = connection();
    boolean committed = false;
    try {
      upsertCustomers(open, batch);
      upsertOrders(open, batch);
      upsertPayments(open, batch);
      open.commit();
      committed = true;
    } finally {
      if (!committed) {
        // Whatever went wrong (pgjdbc even throws an AssertionError on a dead connection when
        // assertions are on): roll back by closing; the next batch reconnects, maybe to a promoted standby.
        close();
      }
    }
  }

  /** Closes the open connection, if any; the next {@link #write} opens a new one. */
  @Override
  public void close() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Broken already; there is nothing left to release.
    } finally {
      connection = null;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection opened = shard.getConnection();
      opened.setAutoCommit(false);
      connection = opened;
    }
    return connection;
  }

  private static void upsertCustomers(Connection connection, ShardBatch batch) throws SQLException {
    upsert(connection, ShardUpsertSql.CUSTOMER, batch.customers(), (upsert, row) -> {
      upsert.setString(1, row.customerId());
      upsert.setString(2, row.email());
      upsert.setString(3, row.fullName());
      upsert.setString(4, row.status());
      upsert.setLong(5, row.version());
      upsert.setObject(6, timestamp(row.createdAt()));
      upsert.setObject(7, timestamp(row.updatedAt()));
      upsert.setBoolean(8, row.deleted());
    });
  }

  private static void upsertOrders(Connection connection, ShardBatch batch) throws SQLException {
    upsert(connection, ShardUpsertSql.ORDER, batch.orders(), (upsert, row) -> {
      upsert.setString(1, row.customerId());
      upsert.setString(2, row.orderId());
      upsert.setString(3, row.status());
      upsert.setLong(4, row.totalMinor());
      upsert.setString(5, row.currency());
      upsert.setLong(6, row.version());
      upsert.setObject(7, timestamp(row.placedAt()));
      upsert.setObject(8, timestamp(row.updatedAt()));
    });
  }

  private static void upsertPayments(Connection connection, ShardBatch batch) throws SQLException {
    upsert(connection, ShardUpsertSql.PAYMENT, batch.payments(), (upsert, row) -> {
      upsert.setString(1, row.customerId());
      upsert.setString(2, row.paymentId());
      upsert.setString(3, row.orderId());
      upsert.setString(4, row.status());
      upsert.setLong(5, row.amountMinor());
      upsert.setString(6, row.currency());
      upsert.setLong(7, row.version());
      upsert.setObject(8, timestamp(row.updatedAt()));
    });
  }

  /** Runs {@code sql} once per row as one JDBC batch; nothing when there are no rows. */
  private static <R> void upsert(Connection connection, String sql, Collection<R> rows, RowBinder<R> binder)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(sql)) {
      for (R row : rows) {
        binder.bind(upsert, row);
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** Sets a row's values as the parameters of its table's upsert. */
  @FunctionalInterface
  private interface RowBinder<R> {
    void bind(PreparedStatement upsert, R row) throws SQLException;
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
