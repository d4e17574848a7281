package dev.backbone.chaos.verify;

import dev.backbone.etl.recon.LedgerOutcome;
import dev.backbone.etl.recon.ProjectedRows;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.stack.StackLayout;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Compares shard rows with the state a ledger folds to. A customer, order or payment is projected when its
 * owning shard holds it at exactly the expected version (and deletion, and status). A row behind
 * its expected version, or missing, is a lost acknowledged event; a row ahead of it, or a row of the
 * run that no ledgered event explains, is an effect nobody acknowledged (a duplicate or an
 * unconfirmed publish).
 */
public final class ProjectionCheck {

    /** How much of the expected state the shards reflect, and how the rest differs. */
    public record Progress(long customersMatched, long customers, long ordersMatched, long orders, long paymentsMatched,
            long payments, long behind, long ahead, long unexplained, List<String> samples) {

        public Progress {
            samples = List.copyOf(samples);
        }

        /** Every expected row is there at its expected version. */
        public boolean complete() {
            return customersMatched == customers && ordersMatched == orders && paymentsMatched == payments;
        }
    }

    private static final int SAMPLES = 10;

    private final StackLayout layout;

    public ProjectionCheck(StackLayout layout) {
        this.layout = layout;
    }

    /** Compares only the rows the expected state names. */
    public Progress check(ExpectedState expected) throws SQLException {
        return check(expected, List.of());
    }

    /**
     * Compares, and also counts rows whose customer id starts with one of {@code runPrefixes} but
     * that the expected state does not name. The comparison itself is reconciliation's ledger
     * check's ({@link ProjectedRows}, {@link LedgerOutcome}), so a drill and {@code ./backbone
     * reconcile --ledger} judge a row the same way.
     */
    public Progress check(ExpectedState expected, Collection<String> runPrefixes) throws SQLException {
        ProjectedRows.Found found = ProjectedRows.read(layout.shardJdbcUrls(), StackLayout.DATABASE_USER, "", expected);
        Tally tally = new Tally();
        for (ExpectedState.Customer want : expected.customers().values()) {
            ProjectedRows.Row row = found.customers().get(want.customerId());
            tally.count(LedgerOutcome.customer(want, row), Kind.CUSTOMER, "customer " + want.customerId(), want.sequence(), row);
        }
        for (ExpectedState.Order want : expected.orders().values()) {
            ProjectedRows.Row row = found.orders().get(want.orderId());
            tally.count(LedgerOutcome.order(want, row), Kind.ORDER, "order " + want.orderId(), want.sequence(), row);
        }
        for (ExpectedState.Payment want : expected.payments().values()) {
            ProjectedRows.Row row = found.payments().get(want.paymentId());
            tally.count(LedgerOutcome.payment(want, row), Kind.PAYMENT, "payment " + want.paymentId(), want.sequence(), row);
        }
        for (int shard = 0; shard < layout.shardCount() && !runPrefixes.isEmpty(); shard++) {
            try (Connection c = DriverManager.getConnection(layout.shardJdbcUrl(shard), StackLayout.DATABASE_USER, "")) {
                for (String prefix : runPrefixes) {
                    countUnexplained(c, prefix, expected, tally);
                }
            }
        }
        return new Progress(tally.matched[Kind.CUSTOMER.ordinal()], expected.customers().size(),
                tally.matched[Kind.ORDER.ordinal()], expected.orders().size(), tally.matched[Kind.PAYMENT.ordinal()],
                expected.payments().size(), tally.behind, tally.ahead, tally.unexplained, tally.samples);
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
        countUnexplained(c, "SELECT order_id FROM orders WHERE customer_id LIKE ?", pattern, expected.orders().keySet(), "order ",
                tally);
        countUnexplained(c, "SELECT payment_id FROM payments WHERE customer_id LIKE ?", pattern, expected.payments().keySet(),
                "payment ", tally);
    }

    /** Counts the ids {@code sql} returns for the LIKE {@code pattern} that {@code expected} lacks. */
    private static void countUnexplained(Connection c, String sql, String pattern, Set<String> expected, String kind, Tally tally)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, pattern);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    if (!expected.contains(rs.getString(1))) {
                        tally.unexplained(kind + rs.getString(1));
                    }
                }
            }
        }
    }

    private enum Kind { CUSTOMER, ORDER, PAYMENT }

    private static final class Tally {
        final long[] matched = new long[Kind.values().length];
        long behind;
        long ahead;
        long unexplained;
        final List<String> samples = new ArrayList<>();

        void count(LedgerOutcome outcome, Kind kind, String what, long expected, ProjectedRows.Row row) {
            switch (outcome) {
                case MATCHED -> matched[kind.ordinal()]++;
                case MISSING -> behind++; // lost: like a row behind, without a sample (there is no row to show)
                case BEHIND, AHEAD -> differs(what, expected, row.version());
            }
        }

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
