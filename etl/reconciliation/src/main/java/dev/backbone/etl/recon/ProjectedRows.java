package dev.backbone.etl.recon;

import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The shard rows of the entities an {@link ExpectedState} names, read from their owning shards (all
 * shards in parallel, by primary-key columns). Compare them with {@link LedgerOutcome}.
 */
public final class ProjectedRows {

    /**
     * The part of a row a ledger predicts.
     *
     * @param version the row's aggregate version
     * @param deleted customers: the row is a tombstone; orders and payments: false
     * @param status  orders and payments: the status; customers: {@code ACTIVE} or {@code DELETED}
     */
    public record Row(long version, boolean deleted, String status) {
    }

    /**
     * The rows found.
     *
     * @param customers by customer id
     * @param orders    by order id; only orders the expected state names
     * @param payments  by payment id; only payments the expected state names
     */
    public record Found(Map<String, Row> customers, Map<String, Row> orders, Map<String, Row> payments) {
    }

    private static final int ID_BATCH = 10_000;

    private ProjectedRows() {
    }

    /**
     * Reads the rows of every customer, order and payment of {@code expected}.
     *
     * @throws SQLException when a shard cannot be read
     */
    public static Found read(Map<ShardId, String> shardUrls, String user, String password, ExpectedState expected) throws SQLException {
        ShardRouter router = new ShardRouter(shardUrls.size());
        Map<ShardId, List<String>> customersByShard = new HashMap<>();
        expected.customers().keySet().forEach(id -> customersByShard.computeIfAbsent(router.shardFor(id), s -> new ArrayList<>()).add(id));
        Map<ShardId, List<String>> orderOwnersByShard = ownersByShard(router, expected.orders().values().stream()
                .map(ExpectedState.Order::customerId).toList());
        Map<ShardId, List<String>> paymentOwnersByShard = ownersByShard(router, expected.payments().values().stream()
                .map(ExpectedState.Payment::customerId).toList());
        Map<String, Row> customers = new HashMap<>();
        Map<String, Row> orders = new HashMap<>();
        Map<String, Row> payments = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(shardUrls.size());
        try {
            new ShardFanOut(shardUrls, user, password, pool).forEachShard("read rows the ledger names", (shard, c) -> {
                List<String> ids = customersByShard.getOrDefault(shard, List.of());
                List<String> owners = orderOwnersByShard.getOrDefault(shard, List.of());
                List<String> payers = paymentOwnersByShard.getOrDefault(shard, List.of());
                Map<String, Row> shardCustomers = new HashMap<>();
                Map<String, Row> shardOrders = new HashMap<>();
                Map<String, Row> shardPayments = new HashMap<>();
                selectByIds(c, "SELECT customer_id, version, deleted, status FROM customers WHERE customer_id = ANY (?)", ids,
                        rs -> shardCustomers.put(rs.getString(1), new Row(rs.getLong(2), rs.getBoolean(3), rs.getString(4))));
                selectByIds(c, "SELECT order_id, version, status FROM orders WHERE customer_id = ANY (?)", owners, rs -> {
                    if (expected.orders().containsKey(rs.getString(1))) {
                        shardOrders.put(rs.getString(1), new Row(rs.getLong(2), false, rs.getString(3)));
                    }
                });
                selectByIds(c, "SELECT payment_id, version, status FROM payments WHERE customer_id = ANY (?)", payers, rs -> {
                    if (expected.payments().containsKey(rs.getString(1))) {
                        shardPayments.put(rs.getString(1), new Row(rs.getLong(2), false, rs.getString(3)));
                    }
                });
                synchronized (customers) {
                    customers.putAll(shardCustomers);
                    orders.putAll(shardOrders);
                    payments.putAll(shardPayments);
                }
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw new SQLException(e.getMessage(), sql.getSQLState(), sql);
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
        return new Found(customers, orders, payments);
    }

    /** The distinct customer ids of {@code owners} by their shard. */
    private static Map<ShardId, List<String>> ownersByShard(ShardRouter router, List<String> owners) {
        Map<ShardId, List<String>> byShard = new HashMap<>();
        owners.stream().distinct().forEach(id -> byShard.computeIfAbsent(router.shardFor(id), s -> new ArrayList<>()).add(id));
        return byShard;
    }

    /** Runs {@code sql} (one {@code = ANY (?)} text-array parameter) over {@code ids} in batches of {@link #ID_BATCH}. */
    private static void selectByIds(Connection c, String sql, List<String> ids, RowHandler each) throws SQLException {
        for (int from = 0; from < ids.size(); from += ID_BATCH) {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                query.setArray(1, c.createArrayOf("text", ids.subList(from, Math.min(ids.size(), from + ID_BATCH)).toArray()));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        each.accept(rs);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }
}
