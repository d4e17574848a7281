package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.loadgen.ledger.LedgerWriter;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;
import dev.backbone.topology.shard.JdbcShardWriter;
import dev.backbone.topology.shard.ShardBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Checks 2 and 3 against real Kafka and PostgreSQL shards: the fold's state is in state changelogs of
 * the test's own application id ({@link StoredStates}: compacted topics, the stores' format, written
 * in transactions). The shards are shared with every other test of the stack, so the run is scoped to
 * this test's customer-id prefix.
 */
@ExtendWith(LocalStackExtension.class)
class LogReconciliationIT {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final TestStack stack;
    private final String prefix;
    private final List<String> progress = new ArrayList<>();
    private StoredStates changelogs;

    @TempDir
    Path dir;

    @BeforeEach
    void givenTheTestsOwnChangelogs() throws Exception {
        changelogs = StoredStates.create(stack, stack.uniqueName("rlog-app"));
    }

    @AfterEach
    void closeWriter() {
        changelogs.close();
    }

    LogReconciliationIT(TestStack stack) {
        this.stack = stack;
        this.prefix = stack.uniqueName("rlog") + "-";
        stack.kafka();
        stack.postgres();
    }

    @Test
    void shouldReportEachKindOfDriftThenRepairWhatTheStoredStateCanAndKeepReportingTheRest() throws Exception {
        // given a customer the pipeline projected correctly, and five kinds of drift planted by hand
        String ok = prefix + "c-ok";             // stored at v2 (after v1), row at v2
        String missing = prefix + "c-missing";   // stored at v1, no row
        String behind = prefix + "c-behind";     // stored deleted at v3, row at v1
        String ahead = prefix + "o-ahead";       // order stored at v1, row at v2 (written outside the pipeline)
        String stray = prefix + "c-stray";       // row at v1, no stored state at all
        String aborted = prefix + "c-aborted";   // stored only in an aborted transaction, no row: nothing to report
        String ghost = prefix + "c-ghost";       // acknowledged (ledgered) but neither stored nor in a shard
        String refund = prefix + "p-refund";     // payment of c-ok stored refunded at v2 and ledgered so, no row
        changelogs.customers(customer(ok, 1, false), customer(missing, 1, false), customer(behind, 1, false));
        changelogs.customers(customer(ok, 2, false), customer(behind, 2, false));
        changelogs.customers(customer(behind, 3, true));
        changelogs.orders(order(ok, ahead, 1, "PLACED"));
        changelogs.payments(payment(ok, refund, 1, "CAPTURED"), payment(ok, refund, 2, "REFUNDED"));
        changelogs.aborted(customer(aborted, 1, false));
        ShardBatch rows = new ShardBatch();
        rows.addCustomerRow(customer(ok, 2, false));
        rows.addCustomerRow(customer(behind, 1, false));
        rows.addCustomerRow(customer(stray, 1, false));
        rows.addOrderRow(order(ok, ahead, 2, "PAID"));
        write(rows);
        Path ledger = ledger(ok, 2, missing, 1, ghost, 1, ok, refund);

        // when a dry run checks the log and the ledger
        ReconReport dryRun = reconcile(false, ledger);

        // then it reports exactly the planted drift, repairs nothing, and the warehouse holds the same
        assertThat(dryRun.discrepancies()).as("progress: %s", progress)
                .extracting(d -> d.check().label() + " " + d.kind() + " " + d.key()).containsExactlyInAnyOrder(
                "log ROW_MISSING customer:" + missing,
                "log ROW_BEHIND customer:" + behind,
                "log ROW_AHEAD order:" + ok + "|" + ahead,
                "log ROW_UNEXPLAINED customer:" + stray,
                "log ROW_MISSING payment:" + ok + "|" + refund,
                "ledger LEDGER_MISSING customer:" + missing,
                "ledger LEDGER_MISSING customer:" + ghost,
                "ledger LEDGER_MISSING payment:" + ok + "|" + refund);
        assertThat(dryRun.discrepancies()).noneMatch(Discrepancy::repaired);
        assertThat(dryRun.discrepancies()).filteredOn(d -> d.kind() == Discrepancy.Kind.ROW_BEHIND).singleElement()
                .satisfies(d -> {
                    assertThat(d.expected()).isEqualTo("3:true");
                    assertThat(d.found()).isEqualTo("1:false");
                });
        assertThat(dryRun.discrepancies()).filteredOn(d -> d.key().equals("customer:" + ghost)).singleElement()
                .satisfies(d -> assertThat(d.note()).contains("never folded"));
        assertThat(dryRun.discrepancies()).filteredOn(d -> d.key().equals("customer:" + missing) && d.check() == Check.LEDGER)
                .singleElement().satisfies(d -> assertThat(d.note()).isNull());
        assertThat(warehouseText("SELECT count(*) FROM recon_discrepancy WHERE run_id = " + dryRun.runId() + " AND check_name = 'log'"))
                .isEqualTo("5");
        assertThat(warehouseText("SELECT status || ' ' || checks FROM recon_run WHERE run_id = " + dryRun.runId()))
                .isEqualTo("DRIFT log,ledger");
        assertThat(row("customers", missing)).isNull();

        // when a repair run fixes what the stored state can fix
        ReconReport repair = reconcile(true, ledger);

        // then the missing and the older row come from the stored state; the row ahead, the stray row and the lost event stay
        assertThat(repair.discrepancies()).extracting(d -> d.kind() + " " + d.key() + " " + d.repaired()).containsExactlyInAnyOrder(
                "ROW_MISSING customer:" + missing + " true",
                "ROW_BEHIND customer:" + behind + " true",
                "ROW_AHEAD order:" + ok + "|" + ahead + " false",
                "ROW_UNEXPLAINED customer:" + stray + " false",
                "ROW_MISSING payment:" + ok + "|" + refund + " true",
                "LEDGER_MISSING customer:" + ghost + " false");
        assertThat(row("customers", missing)).isEqualTo("1:false");
        assertThat(row("customers", behind)).isEqualTo("3:true");
        assertThat(row("orders", ahead)).isEqualTo("2:false");
        assertThat(row("customers", stray)).isEqualTo("1:false");
        assertThat(row("payments", refund)).isEqualTo("2:REFUNDED");

        // and a second run finds nothing repairable, but still the three it must not repair
        ReconReport after = reconcile(false, ledger);
        assertThat(after.discrepancies()).extracting(d -> d.kind() + " " + d.key()).containsExactlyInAnyOrder(
                "ROW_AHEAD order:" + ok + "|" + ahead,
                "ROW_UNEXPLAINED customer:" + stray,
                "LEDGER_MISSING customer:" + ghost);
        assertThat(after.unrepaired()).isEqualTo(3);
        assertThat(after.checks()).filteredOn(c -> c.check() == Check.LOG).singleElement()
                .satisfies(c -> assertThat(c.entriesChecked()).isEqualTo(6));
    }

    @Test
    void shouldRefuseAnApplicationIdWithoutChangelogsNamingTheOption() throws Exception {
        ReconSettings settings = new ReconSettings(stack.layout().shardJdbcUrls(), stack.layout().warehouseJdbcUrl(), "backbone", "",
                stack.layout().redisSentinelUri(), "unused:", Duration.ofSeconds(5));
        ChangeLogSettings nowhere = changelogs.logSettings(3).withApplicationId(stack.uniqueName("no-such-app"));

        assertThatThrownBy(() -> new Reconciler(settings, progress::add).run(new ReconOptions(Set.of(Check.LOG), false, nowhere, null,
                prefix))).hasMessageContaining("does not exist").hasMessageContaining("--application-id");
        try (Admin admin = stack.kafka().admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith(nowhere.applicationId()));
        }
    }

    private ReconReport reconcile(boolean repair, Path ledger) {
        ReconSettings settings = new ReconSettings(stack.layout().shardJdbcUrls(), stack.layout().warehouseJdbcUrl(), "backbone", "",
                stack.layout().redisSentinelUri(), "unused:", Duration.ofSeconds(5));
        ReconOptions options = new ReconOptions(Set.of(Check.LOG, Check.LEDGER), repair, changelogs.logSettings(3), ledger, prefix);
        return new Reconciler(settings, progress::add).run(options);
    }

    private static CustomerState customer(String id, long version, boolean deleted) {
        return new CustomerState(id, id + "@example.test", "Test Customer", deleted, version, AT, AT.plusSeconds(version));
    }

    private static OrderState order(String customerId, String orderId, long version, String status) {
        return new OrderState(customerId, orderId, status, 1_000, "EUR", version, AT, AT.plusSeconds(version));
    }

    private static PaymentState payment(String customerId, String paymentId, long version, String status) {
        return new PaymentState(customerId, paymentId, "o-1", status, 1_000, "EUR", version, AT.plusSeconds(version));
    }

    private void write(ShardBatch batch) throws Exception {
        // Through the sink's own writer, each shard its share, as the pipeline would have written them.
        ShardRouter router = new ShardRouter(stack.layout().shardCount());
        for (Map.Entry<ShardId, String> shard : stack.layout().shardJdbcUrls().entrySet()) {
            ShardBatch mine = new ShardBatch();
            batch.customers().stream().filter(c -> router.shardFor(c.customerId()).equals(shard.getKey())).forEach(mine::addCustomerRow);
            batch.orders().stream().filter(o -> router.shardFor(o.customerId()).equals(shard.getKey())).forEach(mine::addOrderRow);
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(shard.getValue());
            dataSource.setUser("backbone");
            try (JdbcShardWriter writer = new JdbcShardWriter(dataSource)) {
                writer.write(mine);
            }
        }
    }

    /** The three customers at their versions, and the capture (v1) and refund (v2) of one payment of {@code payer}. */
    private Path ledger(String c1, long v1, String c2, long v2, String c3, long v3, String payer, String paymentId)
            throws Exception {
        Path file = dir.resolve("ledger.tsv");
        try (LedgerWriter writer = LedgerWriter.open(file)) {
            long offset = 0;
            for (EventType type : List.of(EventType.PAYMENT_CAPTURED, EventType.PAYMENT_REFUNDED)) {
                writer.append(new LedgerEntry(new EventId(UUID.randomUUID()), type, payer, paymentId,
                        type == EventType.PAYMENT_CAPTURED ? 1 : 2, "backbone.payments.v1", new LedgerEntry.InKafka(0, offset++), null));
            }
            for (Object[] entry : new Object[][] {{c1, v1}, {c2, v2}, {c3, v3}}) {
                String id = (String) entry[0];
                long version = (Long) entry[1];
                writer.append(new LedgerEntry(new EventId(UUID.randomUUID()), version == 1 ? EventType.CUSTOMER_REGISTERED
                        : EventType.CUSTOMER_PROFILE_CHANGED, id, id, version, "backbone.customers.v1",
                        new LedgerEntry.InKafka(0, offset++), version == 1 ? id + "@example.test" : null));
            }
        }
        assertThat(Files.size(file)).isPositive();
        return file;
    }

    /**
     * {@code version:deleted} of a customer (by id) or an order (by order id), or {@code version:status} of a payment
     * (by payment id), in its shard, or null.
     */
    private String row(String table, String id) throws Exception {
        String sql = switch (table) {
            case "customers" -> "SELECT version || ':' || deleted FROM customers WHERE customer_id = ?";
            case "payments" -> "SELECT version || ':' || status FROM payments WHERE payment_id = ?";
            default -> "SELECT version || ':false' FROM orders WHERE order_id = ?";
        };
        for (String url : stack.layout().shardJdbcUrls().values()) {
            try (Connection c = DriverManager.getConnection(url, "backbone", ""); PreparedStatement query = c.prepareStatement(sql)) {
                query.setString(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
        }
        return null;
    }

    private String warehouseText(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.layout().warehouseJdbcUrl(), "backbone", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
