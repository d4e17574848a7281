package dev.backbone.chaos.bench;

import dev.backbone.index.IndexKeys;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.index.IndexOp;
import dev.backbone.topology.index.IndexUpdates;
import dev.backbone.topology.index.LettuceIndexWriter;
import dev.backbone.topology.shard.JdbcShardWriter;
import dev.backbone.topology.shard.ShardBatch;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * The customers and orders {@code bench query} looks up, generated from their numbers so every
 * answer can be checked: customer {@code i} has e-mail {@code bq-i@bench.example} and orders
 * {@code bq-o-i-k}, each placed one second after the one before it (so the newest order of a status
 * is known without reading anything back).
 */
final class QueryDataset {

    static final List<String> STATUSES = List.of("PLACED", "PAID", "SHIPPED", "CANCELLED");
    /** Rows per shard write, as in the shard sink. */
    private static final int WRITE_BATCH = 500;
    private static final Instant FIRST_PLACED = Instant.parse("2026-01-01T00:00:00Z");

    private final int customers;
    private final int ordersPerCustomer;

    QueryDataset(int customers, int ordersPerCustomer) {
        if (customers < 1 || ordersPerCustomer < 1) {
            throw new IllegalArgumentException("need at least one customer and one order each, but got " + customers + " and "
                    + ordersPerCustomer);
        }
        this.customers = customers;
        this.ordersPerCustomer = ordersPerCustomer;
    }

    int customers() {
        return customers;
    }

    int orders() {
        return customers * ordersPerCustomer;
    }

    static String customerId(int customer) {
        return "bq-c-" + customer;
    }

    static String email(int customer) {
        return "bq-" + customer + "@bench.example";
    }

    static String orderId(int customer, int order) {
        return "bq-o-" + customer + "-" + order;
    }

    /** Order {@code order} of customer {@code customer}, numbered across all orders (0 ..< orders()). */
    String orderId(int orderNumber) {
        return orderId(orderNumber / ordersPerCustomer, orderNumber % ordersPerCustomer);
    }

    static String status(int orderNumber) {
        return STATUSES.get(orderNumber % STATUSES.size());
    }

    /** The newest order of {@code status}: the first of a listing by that status. */
    String newestOrderId(String status) {
        for (int number = orders() - 1; number >= 0; number--) {
            if (status(number).equals(status)) {
                return orderId(number);
            }
        }
        throw new IllegalArgumentException("no order has status " + status);
    }

    /** How many orders have {@code status} (statuses go round {@link #STATUSES} by order number). */
    int ordersWithStatus(String status) {
        int first = STATUSES.indexOf(status);
        if (first < 0) {
            throw new IllegalArgumentException("unknown status " + status + "; one of " + STATUSES);
        }
        return Math.max(0, (orders() - first + STATUSES.size() - 1) / STATUSES.size());
    }

    /**
     * Writes the rows into {@code shardUrls.size()} shards, each customer with its orders into the
     * shard {@link ShardRouter} gives it for that many shards.
     *
     * @param dataSources the data source of each shard, by shard number
     */
    void writeRows(IntFunction<DataSource> dataSources, int shardCount) throws SQLException {
        ShardRouter router = new ShardRouter(shardCount);
        List<ShardBatch> pending = new ArrayList<>();
        List<JdbcShardWriter> writers = new ArrayList<>();
        for (int shard = 0; shard < shardCount; shard++) {
            pending.add(new ShardBatch());
            writers.add(new JdbcShardWriter(dataSources.apply(shard)));
        }
        try {
            for (int customer = 0; customer < customers; customer++) {
                int shard = router.shardFor(customerId(customer)).index();
                ShardBatch batch = pending.get(shard);
                batch.addCustomer(customerChange(customer));
                for (int order = 0; order < ordersPerCustomer; order++) {
                    batch.addOrder(orderChange(customer * ordersPerCustomer + order));
                }
                if (batch.size() >= WRITE_BATCH) {
                    writers.get(shard).write(batch);
                    pending.set(shard, new ShardBatch());
                }
            }
            for (int shard = 0; shard < shardCount; shard++) {
                writers.get(shard).write(pending.get(shard));
            }
        } finally {
            writers.forEach(JdbcShardWriter::close);
        }
    }

    /** Writes the index entries (e-mail, order, orders by status) under {@code keys}' prefix. */
    void writeIndex(StatefulRedisConnection<String, String> connection, IndexKeys keys) throws InterruptedException {
        IndexUpdates updates = new IndexUpdates(keys);
        LettuceIndexWriter writer = new LettuceIndexWriter(connection, Duration.ofSeconds(10), 0);
        List<IndexOp> ops = new ArrayList<>();
        for (int customer = 0; customer < customers; customer++) {
            ops.addAll(updates.customer(customerChange(customer)));
            for (int order = 0; order < ordersPerCustomer; order++) {
                ops.addAll(updates.order(orderChange(customer * ordersPerCustomer + order)));
            }
            if (ops.size() >= WRITE_BATCH) {
                writer.apply(ops);
                ops.clear();
            }
        }
        writer.apply(ops);
    }

    private EntityChange<CustomerState> customerChange(int customer) {
        Instant created = FIRST_PLACED.minusSeconds(1);
        CustomerState state = new CustomerState(customerId(customer), email(customer), "Bench Customer " + customer, false, 1, created,
                created);
        return new EntityChange<>(null, state, 1, created);
    }

    private EntityChange<OrderState> orderChange(int orderNumber) {
        int customer = orderNumber / ordersPerCustomer;
        Instant placed = FIRST_PLACED.plusSeconds(orderNumber);
        OrderState state = new OrderState(customerId(customer), orderId(orderNumber), status(orderNumber), 1_000 + orderNumber, "EUR", 1,
                placed, placed);
        return new EntityChange<>(null, state, 1, placed);
    }
}
