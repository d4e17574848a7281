package dev.backbone.cli.demo;

import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.stack.StackLayout;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares shard rows with the state a ledger folds to: a customer or order counts as projected
 * when its owning shard holds it at exactly the expected version (and deletion, and status).
 */
public final class ProjectionCheck {

    /** How much of the expected state the shards reflect. */
    public record Progress(long customersMatched, long customers, long ordersMatched, long orders) {

        public boolean complete() {
            return customersMatched == customers && ordersMatched == orders;
        }
    }

    private final StackLayout layout;
    private final ShardRouter router;

    public ProjectionCheck(StackLayout layout) {
        this.layout = layout;
        this.router = new ShardRouter(layout.shardCount());
    }

    public Progress check(ExpectedState expected) throws SQLException {
        Map<ShardId, List<String>> customersByShard = new HashMap<>();
        expected.customers().keySet().forEach(id -> customersByShard.computeIfAbsent(router.shardFor(id), s -> new ArrayList<>()).add(id));
        long customersMatched = 0;
        long ordersMatched = 0;
        for (Map.Entry<ShardId, List<String>> shard : customersByShard.entrySet()) {
            try (Connection c = DriverManager.getConnection(layout.shardJdbcUrl(shard.getKey().index()), StackLayout.DATABASE_USER, "")) {
                customersMatched += matchCustomers(c, shard.getValue(), expected);
                ordersMatched += matchOrders(c, shard.getValue(), expected);
            }
        }
        return new Progress(customersMatched, expected.customers().size(), ordersMatched, expected.orders().size());
    }

    private static long matchCustomers(Connection c, List<String> ids, ExpectedState expected) throws SQLException {
        long matched = 0;
        try (PreparedStatement query = c.prepareStatement("SELECT customer_id, version, deleted FROM customers WHERE customer_id = ANY (?)")) {
            query.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ExpectedState.Customer want = expected.customers().get(rs.getString(1));
                    if (want.sequence() == rs.getLong(2) && want.deleted() == rs.getBoolean(3)) {
                        matched++;
                    }
                }
            }
        }
        return matched;
    }

    private static long matchOrders(Connection c, List<String> customerIds, ExpectedState expected) throws SQLException {
        long matched = 0;
        try (PreparedStatement query = c.prepareStatement("SELECT order_id, version, status FROM orders WHERE customer_id = ANY (?)")) {
            query.setArray(1, c.createArrayOf("text", customerIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ExpectedState.Order want = expected.orders().get(rs.getString(1));
                    if (want != null && want.sequence() == rs.getLong(2) && want.status().name().equals(rs.getString(3))) {
                        matched++;
                    }
                }
            }
        }
        return matched;
    }
}
