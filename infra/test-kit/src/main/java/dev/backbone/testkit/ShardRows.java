package dev.backbone.testkit;

import dev.backbone.sharding.ShardRouter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Test fixture: writes entity rows into their owning shard the way the shard sink does
 * (version-guarded upserts), so ETL, reconciliation and query tests need not run the Streams app.
 */
public final class ShardRows {

    private final TestStack stack;
    private final ShardRouter router;

    public ShardRows(TestStack stack) {
        this.stack = stack;
        this.router = new ShardRouter(stack.layout().shardCount());
    }

    public String urlFor(String customerId) {
        return stack.postgres().shard(router.shardFor(customerId).index()).jdbcUrl();
    }

    public Connection connect(String customerId) throws SQLException {
        return DriverManager.getConnection(urlFor(customerId), "backbone", "");
    }

    public void customer(String id, long version, String email, String country, Instant at) throws SQLException {
        try (Connection c = connect(id)) {
            customer(c, id, version, email, country, at);
        }
    }

    public static void customer(Connection c, String id, long version, String email, String country, Instant at) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO customers (customer_id, email, full_name, country, status, version, created_at, updated_at)
                VALUES (?, ?, 'Test Customer', ?, 'ACTIVE', ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET email = EXCLUDED.email, country = EXCLUDED.country,
                    version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
                WHERE customers.version < EXCLUDED.version""")) {
            upsert.setString(1, id);
            upsert.setString(2, email);
            upsert.setString(3, country);
            upsert.setLong(4, version);
            upsert.setTimestamp(5, Timestamp.from(at));
            upsert.setTimestamp(6, Timestamp.from(at));
            upsert.executeUpdate();
        }
    }

    public void order(String customerId, String orderId, long version, String status, long cents, Instant placedAt, Instant at)
            throws SQLException {
        try (Connection c = connect(customerId); PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO orders (customer_id, order_id, status, total_cents, currency, version, placed_at, updated_at)
                VALUES (?, ?, ?, ?, 'EUR', ?, ?, ?)
                ON CONFLICT (customer_id, order_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version,
                    updated_at = EXCLUDED.updated_at
                WHERE orders.version < EXCLUDED.version""")) {
            upsert.setString(1, customerId);
            upsert.setString(2, orderId);
            upsert.setString(3, status);
            upsert.setLong(4, cents);
            upsert.setLong(5, version);
            upsert.setTimestamp(6, Timestamp.from(placedAt));
            upsert.setTimestamp(7, Timestamp.from(at));
            upsert.executeUpdate();
        }
    }

    public void payment(String customerId, String paymentId, String orderId, long version, String status, long cents, Instant at)
            throws SQLException {
        try (Connection c = connect(customerId); PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO payments (customer_id, payment_id, order_id, status, amount_cents, currency, version, updated_at)
                VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?)
                ON CONFLICT (customer_id, payment_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version,
                    updated_at = EXCLUDED.updated_at
                WHERE payments.version < EXCLUDED.version""")) {
            upsert.setString(1, customerId);
            upsert.setString(2, paymentId);
            upsert.setString(3, orderId);
            upsert.setString(4, status);
            upsert.setLong(5, cents);
            upsert.setLong(6, version);
            upsert.setTimestamp(7, Timestamp.from(at));
            upsert.executeUpdate();
        }
    }
}
