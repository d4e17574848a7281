package dev.backbone.chaos.verify;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares shard rows with the state a ledger folds to. A customer or order is projected when its
 * owning shard holds it at exactly the expected version (and deletion, and status). A row behind
 * its expected version, or missing, is a lost acknowledged event; a row ahead of it, or a row of the
 * run that no ledgered event explains, is an effect nobody acknowledged (a duplicate or an
 * unconfirmed publish).
 */
public final class ProjectionCheck {

    /** How much of the expected state the shards reflect, and how the rest differs. */
    public record Progress(long customersMatched, long customers, long ordersMatched, long orders, long behind, long ahead,
            long unexplained, List<String> samples) {

        public Progress {
            samples = List.copyOf(samples);
        }

        /** Every expected row is there at its expected version. */
        public boolean complete() {
            return customersMatched == customers && ordersMatched == orders;
        }
    }

    private static final int SAMPLES = 10;

    private final StackLayout layout;
    private final ShardRouter router;

    public ProjectionCheck(StackLayout layout) {
        this.layout = layout;
        this.router = new ShardRouter(layout.shardCount());
    }

    /** Compares only the rows the expected state names. */
    public Progress check(ExpectedState expected) throws SQLException {
        return check(expected, List.of());
    }

    /**
     * Compares, and also counts rows whose customer id starts with one of {@code runPrefixes} but
     * that the expected state does not name.
     */
    public Progress check(ExpectedState expected, Collection<String> runPrefixes) throws SQLException {
        Map<ShardId, List<String>> customersByShard = new HashMap<>();
        expected.customers().keySet().forEach(id -> customersByShard.computeIfAbsent(router.shardFor(id), s -> new ArrayList<>()).add(id));
        Tally tally = new Tally();
        for (int shard = 0; shard < layout.shardCount(); shard++) {
            List<String> ids = customersByShard.getOrDefault(new ShardId(shard), List.of());
            try (Connection c = DriverManager.getConnection(layout.shardJdbcUrl(shard), StackLayout.DATABASE_USER, "")) {
                compareCustomers(c, ids, expected, tally);
                compareOrders(c, ids, expected, tally);
                for (String prefix : runPrefixes) {
                    countUnexplained(c, prefix, expected, tally);
                }
            }
        }
        long missingCustomers = expected.customers().size() - tally.customersSeen;
        long missingOrders = expected.orders().size() - tally.ordersSeen;
        return new Progress(tally.customersMatched, expected.customers().size(), tally.ordersMatched, expected.orders().size(),
                tally.behind + missingCustomers + missingOrders, tally.ahead, tally.unexplained, tally.samples);
    }

    private void compareCustomers(Connection c, List<String> ids, ExpectedState expected, Tally tally) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT customer_id, version, deleted FROM customers WHERE customer_id = ANY (?)")) {
            query.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ExpectedState.Customer want = expected.customers().get(rs.getString(1));
                    tally.customersSeen++;
                    long version = rs.getLong(2);
                    if (want.sequence() == version && want.deleted() == rs.getBoolean(3)) {
                        tally.customersMatched++;
                    } else {
                        tally.differs("customer " + want.customerId(), want.sequence(), version);
                    }
                }
            }
        }
    }

    private void compareOrders(Connection c, List<String> customerIds, ExpectedState expected, Tally tally) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT order_id, version, status FROM orders WHERE customer_id = ANY (?)")) {
            query.setArray(1, c.createArrayOf("text", customerIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ExpectedState.Order want = expected.orders().get(rs.getString(1));
                    if (want == null) {
                        continue; // an order of this customer no ledgered event names: counted by countUnexplained
                    }
                    tally.ordersSeen++;
                    long version = rs.getLong(2);
                    if (want.sequence() == version && want.status().name().equals(rs.getString(3))) {
                        tally.ordersMatched++;
                    } else {
                        tally.differs("order " + want.orderId(), want.sequence(), version);
                    }
                }
            }
        }
    }

    private static void countUnexplained(Connection c, String prefix, ExpectedState expected, Tally tally) throws SQLException {
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (PreparedStatement query = c.prepareStatement("SELECT customer_id FROM customers WHERE customer_id LIKE ?")) {
            query.setString(1, pattern);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    if (!expected.customers().containsKey(rs.getString(1))) {
                        tally.unexplained("customer " + rs.getString(1));
                    }
                }
            }
        }
        try (PreparedStatement query = c.prepareStatement("SELECT order_id FROM orders WHERE customer_id LIKE ?")) {
            query.setString(1, pattern);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    if (!expected.orders().containsKey(rs.getString(1))) {
                        tally.unexplained("order " + rs.getString(1));
                    }
                }
            }
        }
    }

    private static final class Tally {
        long customersSeen;
        long customersMatched;
        long ordersSeen;
        long ordersMatched;
        long behind;
        long ahead;
        long unexplained;
        final List<String> samples = new ArrayList<>();

        void differs(String what, long expected, long found) {
            if (found < expected) {
                behind++;
            } else {
                ahead++;
            }
            sample(what + ": expected version " + expected + ", shard row has " + found);
        }

        void unexplained(String what) {
            unexplained++;
            sample(what + ": in the shard, in no ledger");
        }

        private void sample(String text) {
            if (samples.size() < SAMPLES) {
                samples.add(text);
            }
        }
    }
}
