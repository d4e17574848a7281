package dev.backbone.topology.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.sharding.ShardRouter;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** The version-guarded upserts against real PostgreSQL shards (Kafka is not needed here). */
@ExtendWith(LocalStackExtension.class)
class JdbcShardWriterIT {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final TestStack stack;

  JdbcShardWriterIT(TestStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldApplyOnlyNewerVersionsSoReplaysChangeNothing() throws SQLException {
    String customer = stack.uniqueName("cus");
    PGSimpleDataSource shard = shardOf(customer);
    JdbcShardWriter writer = new JdbcShardWriter(shard);

    writer.write(batch(change(customer, "v2@example.com", 2)));
    writer.write(batch(change(customer, "v1@example.com", 1)));
    writer.write(batch(change(customer, "v2-replayed@example.com", 2)));

    assertThat(customerRow(shard, customer)).isEqualTo("v2@example.com|2|false");
    writer.write(batch(change(customer, "v3@example.com", 3)));
    assertThat(customerRow(shard, customer)).isEqualTo("v3@example.com|3|false");
  }

  @Test
  void shouldCollapseABatchToTheNewestVersionPerRow() throws SQLException {
    String customer = stack.uniqueName("cus");
    PGSimpleDataSource shard = shardOf(customer);
    ShardBatch batch = new ShardBatch();
    batch.addCustomer(change(customer, "a@example.com", 1));
    batch.addCustomer(change(customer, "c@example.com", 3));
    batch.addCustomer(change(customer, "b@example.com", 2));

    new JdbcShardWriter(shard).write(batch);

    assertThat(batch.size()).isEqualTo(1);
    assertThat(customerRow(shard, customer)).isEqualTo("c@example.com|3|false");
  }

  @Test
  void shouldSoftDeleteOnATombstoneAndKeepGuardingTheVersion() throws SQLException {
    String customer = stack.uniqueName("cus");
    PGSimpleDataSource shard = shardOf(customer);
    JdbcShardWriter writer = new JdbcShardWriter(shard);
    EntityChange<CustomerState> registered = change(customer, "gone@example.com", 1);
    writer.write(batch(registered));

    writer.write(batch(new EntityChange<>(registered.after(), null, 2, T0.plusSeconds(2))));
    writer.write(batch(registered));

    assertThat(customerRow(shard, customer)).isEqualTo("gone@example.com|2|true");
  }

  @Test
  void shouldUpsertOrdersWithTheVersionGuard() throws SQLException {
    String customer = stack.uniqueName("cus");
    PGSimpleDataSource shard = shardOf(customer);
    JdbcShardWriter writer = new JdbcShardWriter(shard);
    OrderState placed = new OrderState(customer, "o-1", "PLACED", 2500, "EUR", 1, T0, T0);
    OrderState paid = new OrderState(customer, "o-1", "PAID", 2500, "EUR", 2, T0, T0.plusSeconds(1));
    ShardBatch both = new ShardBatch();
    both.addOrder(new EntityChange<>(null, placed, 1, T0));
    both.addOrder(new EntityChange<>(placed, paid, 2, T0.plusSeconds(1)));
    ShardBatch stale = new ShardBatch();
    stale.addOrder(new EntityChange<>(null, placed, 1, T0));

    writer.write(both);
    writer.write(stale);

    try (Connection c = shard.getConnection();
         PreparedStatement read = c.prepareStatement("SELECT status, version FROM orders WHERE customer_id = ?")) {
      read.setString(1, customer);
      try (ResultSet rs = read.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1) + "|" + rs.getLong(2)).isEqualTo("PAID|2");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void shouldUpsertPaymentsWithTheVersionGuardAndTheAmountInCents() throws SQLException {
    String customer = stack.uniqueName("cus");
    PGSimpleDataSource shard = shardOf(customer);
    JdbcShardWriter writer = new JdbcShardWriter(shard);
    PaymentState captured = new PaymentState(customer, "p-1", "o-1", "CAPTURED", 2500, "EUR", 1, T0);
    PaymentState refunded = new PaymentState(customer, "p-1", "o-1", "REFUNDED", 2500, "EUR", 2, T0.plusSeconds(1));
    ShardBatch both = new ShardBatch();
    both.addPayment(new EntityChange<>(null, captured, 1, T0));
    both.addPayment(new EntityChange<>(captured, refunded, 2, T0.plusSeconds(1)));
    ShardBatch stale = new ShardBatch();
    stale.addPayment(new EntityChange<>(null, captured, 1, T0));

    writer.write(both);
    writer.write(stale);

    try (Connection c = shard.getConnection();
         PreparedStatement read = c.prepareStatement(
             "SELECT order_id, status, amount_cents, currency, version FROM payments WHERE customer_id = ?")) {
      read.setString(1, customer);
      try (ResultSet rs = read.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getString(4) + "|"
            + rs.getLong(5)).isEqualTo("o-1|REFUNDED|2500|EUR|2");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void shouldWriteABatchAsMultiRowUpsertsThatStillGuardEachRowsVersion() throws SQLException {
    String first = stack.uniqueName("cus");
    PGSimpleDataSource shard = shardOf(first);
    ShardRouter router = new ShardRouter(stack.layout().shardCount());
    List<String> customers = new ArrayList<>();
    for (int i = 0; customers.size() < 300; i++) { // more than pgjdbc's 128 rows per rewritten statement
      String candidate = first + "-" + i;
      if (router.shardFor(candidate).equals(router.shardFor(first))) {
        customers.add(candidate); // only the shard's own customers: the drills reconcile this stack later
      }
    }
    JdbcShardWriter writer = new JdbcShardWriter(shard);
    ShardBatch atTwo = new ShardBatch();
    customers.forEach(customer -> atTwo.addCustomer(change(customer, customer + "-v2@example.com", 2)));
    writer.write(atTwo);
    ShardBatch newerAndStale = new ShardBatch();
    for (int i = 0; i < customers.size(); i++) {
      long version = i % 2 == 0 ? 3 : 1;
      newerAndStale.addCustomer(change(customers.get(i), customers.get(i) + "-v" + version + "@example.com", version));
    }

    writer.write(newerAndStale);

    try (Connection c = shard.getConnection();
         PreparedStatement read = c.prepareStatement(
             "SELECT version, count(*) FROM customers WHERE customer_id LIKE ? AND email = customer_id || '-v' || version "
                 + "|| '@example.com' GROUP BY version ORDER BY version")) {
      read.setString(1, first + "-%");
      try (ResultSet rs = read.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1) + ":" + rs.getLong(2)).as("stale half kept at version 2").isEqualTo("2:150");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1) + ":" + rs.getLong(2)).as("newer half at version 3").isEqualTo("3:150");
        assertThat(rs.next()).isFalse();
      }
    }
    writer.close();
  }

  @Test
  void shouldHaveTheDriverRewriteTheUpsertBatches() throws SQLException {
    String customer = stack.uniqueName("cus");
    try (Connection c = shardOf(customer).getConnection();
         PreparedStatement upsert = c.prepareStatement(ShardUpsertSql.CUSTOMER)) {
      c.setAutoCommit(false);
      for (int i = 0; i < 2; i++) {
        upsert.setString(1, customer + "-" + i);
        upsert.setString(2, customer + "-" + i + "@example.com");
        upsert.setString(3, "Ada");
        upsert.setString(4, "ACTIVE");
        upsert.setLong(5, 1);
        upsert.setObject(6, OffsetDateTime.parse("2026-03-01T10:00:00Z"));
        upsert.setObject(7, OffsetDateTime.parse("2026-03-01T10:00:00Z"));
        upsert.setBoolean(8, false);
        upsert.addBatch();
      }

      // pgjdbc reports SUCCESS_NO_INFO for the rows of a rewritten batch, a row count for each statement run alone
      assertThat(upsert.executeBatch()).containsExactly(Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO);
      c.rollback();
    }
  }

  @Test
  void shouldKeepOneConnectionAndReconnectAfterItBroke() throws SQLException {
    String customer = stack.uniqueName("cus");
    PGSimpleDataSource shard = shardOf(customer);
    String application = stack.uniqueName("writer");
    shard.setApplicationName(application);
    JdbcShardWriter writer = new JdbcShardWriter(shard);
    // E-mails unique to this test: the shared stack's shards are reconciled against the index later
    // (the chaos drills), and two live customers with one e-mail are a conflict nobody can repair.
    writer.write(batch(change(customer, customer + "-v1@example.com", 1)));
    writer.write(batch(change(customer, customer + "-v2@example.com", 2)));
    assertThat(backends(shard, application)).as("one connection for both batches").isEqualTo(1);

    terminateBackends(shard, application);

    // pgjdbc reports the dead connection as SQLException, or as AssertionError when assertions are on (as here).
    assertThatThrownBy(() -> writer.write(batch(change(customer, customer + "-v3@example.com", 3))))
        .isInstanceOfAny(SQLException.class, AssertionError.class);
    writer.write(batch(change(customer, customer + "-v3@example.com", 3)));
    assertThat(customerRow(shard, customer)).isEqualTo(customer + "-v3@example.com|3|false");
    writer.close();
  }

  private static int backends(PGSimpleDataSource shard, String application) throws SQLException {
    try (Connection c = shard.getConnection();
         PreparedStatement count = c.prepareStatement(
             "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      count.setString(1, application);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void terminateBackends(PGSimpleDataSource shard, String application) throws SQLException {
    try (Connection c = shard.getConnection();
         PreparedStatement kill = c.prepareStatement(
             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 + "WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      kill.setString(1, application);
      kill.executeQuery().close();
    }
  }

  private PGSimpleDataSource shardOf(String customer) {
    int index = new ShardRouter(stack.layout().shardCount()).shardFor(customer).index();
    return JdbcShardWriter.dataSource(stack.postgres().shard(index).jdbcUrl(), "backbone", "");
  }

  private static EntityChange<CustomerState> change(String customer, String email, long version) {
    CustomerState state = new CustomerState(customer, email, "Ada", false, version, T0, T0.plusSeconds(version));
    return new EntityChange<>(null, state, version, state.updatedAt());
  }

  private static ShardBatch batch(EntityChange<CustomerState> change) {
    ShardBatch batch = new ShardBatch();
    batch.addCustomer(change);
    return batch;
  }

  private static String customerRow(PGSimpleDataSource shard, String customer) throws SQLException {
    try (Connection c = shard.getConnection();
         PreparedStatement read = c.prepareStatement("SELECT email, version, deleted FROM customers WHERE customer_id = ?")) {
      read.setString(1, customer);
      try (ResultSet rs = read.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getBoolean(3);
      }
    }
  }
}
