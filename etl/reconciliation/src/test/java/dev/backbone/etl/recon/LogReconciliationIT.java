package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.loadgen.ledger.LedgerWriter;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.OutputTopic;
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
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Checks 2 and 3 against real Kafka and PostgreSQL shards. The change topics and the shards are shared
 * with every other test of the stack, so the run is scoped to this test's customer-id prefix.
 */
@ExtendWith(LocalStackExtension.class)
class LogReconciliationIT {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final TestStack stack;
    private final String prefix;
    private final List<String> progress = new ArrayList<>();

    @TempDir
    Path dir;

    LogReconciliationIT(TestStack stack) {
        this.stack = stack;
        this.prefix = stack.uniqueName("rlog") + "-";
        stack.kafka();
        stack.postgres();
    }

    @Test
    void shouldReportEachKindOfDriftThenRepairWhatTheLogCanAndKeepReportingTheRest() throws Exception {
        // given a customer the pipeline projected correctly, and four kinds of drift planted by hand
        String ok = prefix + "c-ok";             // in the log at v2, row at v2
        String missing = prefix + "c-missing";   // in the log at v1, no row
        String behind = prefix + "c-behind";     // in the log up to its deletion at v3, row at v1
        String ahead = prefix + "o-ahead";       // order in the log at v1, row at v2 (written outside the pipeline)
        String ghost = prefix + "c-ghost";       // acknowledged (ledgered) but in neither the log nor a shard
        try (KafkaProducer<String, byte[]> producer = producer()) {
            publishCustomer(producer, customerChange(null, customer(ok, 1, false)));
            publishCustomer(producer, customerChange(customer(ok, 1, false), customer(ok, 2, false)));
            publishCustomer(producer, customerChange(null, customer(missing, 1, false)));
            publishCustomer(producer, customerChange(null, customer(behind, 1, false)));
            publishCustomer(producer, customerChange(customer(behind, 1, false), customer(behind, 2, false)));
            publishCustomer(producer, new EntityChange<>(customer(behind, 2, false), null, 3, AT.plusSeconds(3)));
            publishOrder(producer, orderChange(order(ok, ahead, 1, "PLACED")));
            producer.flush();
        }
        ShardBatch rows = new ShardBatch();
        rows.addCustomer(customerChange(customer(ok, 1, false), customer(ok, 2, false)));
        rows.addCustomer(customerChange(null, customer(behind, 1, false)));
        rows.addOrder(orderChange(order(ok, ahead, 2, "PAID")));
        write(rows);
        Path ledger = ledger(ok, 2, missing, 1, ghost, 1);

        // when a dry run checks the log and the ledger
        ReconReport dryRun = reconcile(false, ledger);

        // then it reports exactly the planted drift, repairs nothing, and the warehouse holds the same
        assertThat(dryRun.discrepancies()).as("progress: %s", progress)
                .extracting(d -> d.check().label() + " " + d.kind() + " " + d.key()).containsExactlyInAnyOrder(
                "log ROW_MISSING customer:" + missing,
                "log ROW_BEHIND customer:" + behind,
                "log ROW_AHEAD order:" + ok + "|" + ahead,
                "ledger LEDGER_MISSING customer:" + missing,
                "ledger LEDGER_MISSING customer:" + ghost);
        assertThat(dryRun.discrepancies()).noneMatch(Discrepancy::repaired);
        assertThat(dryRun.discrepancies()).filteredOn(d -> d.kind() == Discrepancy.Kind.ROW_BEHIND).singleElement()
                .satisfies(d -> {
                    assertThat(d.expected()).isEqualTo("3:true");
                    assertThat(d.found()).isEqualTo("1:false");
                });
        assertThat(dryRun.discrepancies()).filteredOn(d -> d.key().equals("customer:" + ghost)).singleElement()
                .satisfies(d -> assertThat(d.note()).contains("never reached the change topic"));
        assertThat(warehouseText("SELECT count(*) FROM recon_discrepancy WHERE run_id = " + dryRun.runId() + " AND check_name = 'log'"))
                .isEqualTo("3");
        assertThat(warehouseText("SELECT status || ' ' || checks FROM recon_run WHERE run_id = " + dryRun.runId()))
                .isEqualTo("DRIFT log,ledger");
        assertThat(row("customers", missing)).isNull();

        // when a repair run fixes what the log can fix
        ReconReport repair = reconcile(true, ledger);

        // then the missing and the older row come from the log; the row ahead and the lost event stay
        assertThat(repair.discrepancies()).extracting(d -> d.kind() + " " + d.key() + " " + d.repaired()).containsExactlyInAnyOrder(
                "ROW_MISSING customer:" + missing + " true",
                "ROW_BEHIND customer:" + behind + " true",
                "ROW_AHEAD order:" + ok + "|" + ahead + " false",
                "LEDGER_MISSING customer:" + ghost + " false");
        assertThat(row("customers", missing)).isEqualTo("1:false");
        assertThat(row("customers", behind)).isEqualTo("3:true");
        assertThat(row("orders", ahead)).isEqualTo("2:false");

        // and a second run finds nothing repairable, but still the two it must not repair
        ReconReport after = reconcile(false, ledger);
        assertThat(after.discrepancies()).extracting(d -> d.kind() + " " + d.key()).containsExactlyInAnyOrder(
                "ROW_AHEAD order:" + ok + "|" + ahead,
                "LEDGER_MISSING customer:" + ghost);
        assertThat(after.unrepaired()).isEqualTo(2);
        assertThat(after.checks()).filteredOn(c -> c.check() == Check.LOG).singleElement()
                .satisfies(c -> assertThat(c.entriesChecked()).isEqualTo(4));
    }

    private ReconReport reconcile(boolean repair, Path ledger) {
        ReconSettings settings = new ReconSettings(stack.layout().shardJdbcUrls(), stack.layout().warehouseJdbcUrl(), "backbone", "",
                stack.layout().redisSentinelUri(), "unused:", Duration.ofSeconds(5));
        ChangeLogSettings log = new ChangeLogSettings(stack.kafka().bootstrapServers(), 3, Duration.ofMinutes(1));
        return new Reconciler(settings, progress::add).run(new ReconOptions(Set.of(Check.LOG, Check.LEDGER), repair, log, ledger, prefix));
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void publishCustomer(KafkaProducer<String, byte[]> producer, EntityChange<CustomerState> change) throws Exception {
        String id = change.after() != null ? change.after().customerId() : change.before().customerId();
        String topic = OutputTopic.CUSTOMER_CHANGES.topicName();
        producer.send(new ProducerRecord<>(topic, id, ChangeSerdes.customerChanges().serializer().serialize(topic, change))).get();
    }

    private static void publishOrder(KafkaProducer<String, byte[]> producer, EntityChange<OrderState> change) throws Exception {
        String topic = OutputTopic.ORDER_CHANGES.topicName();
        producer.send(new ProducerRecord<>(topic, change.after().customerId(),
                ChangeSerdes.orderChanges().serializer().serialize(topic, change))).get();
    }

    private static CustomerState customer(String id, long version, boolean deleted) {
        return new CustomerState(id, id + "@example.test", "Test Customer", deleted, version, AT, AT.plusSeconds(version));
    }

    private static EntityChange<CustomerState> customerChange(CustomerState before, CustomerState after) {
        return new EntityChange<>(before, after, after.version(), after.updatedAt());
    }

    private static OrderState order(String customerId, String orderId, long version, String status) {
        return new OrderState(customerId, orderId, status, 1_000, "EUR", version, AT, AT.plusSeconds(version));
    }

    private static EntityChange<OrderState> orderChange(OrderState after) {
        return new EntityChange<>(null, after, after.version(), after.updatedAt());
    }

    private void write(ShardBatch batch) throws Exception {
        // Through the sink's own writer, each shard its share, as the pipeline would have written them.
        ShardRouter router = new ShardRouter(stack.layout().shardCount());
        for (Map.Entry<ShardId, String> shard : stack.layout().shardJdbcUrls().entrySet()) {
            ShardBatch mine = new ShardBatch();
            batch.customers().stream().filter(c -> router.shardFor(c.customerId()).equals(shard.getKey()))
                    .forEach(c -> mine.addCustomer(new EntityChange<>(null, c, c.version(), c.updatedAt())));
            batch.orders().stream().filter(o -> router.shardFor(o.customerId()).equals(shard.getKey()))
                    .forEach(o -> mine.addOrder(new EntityChange<>(null, o, o.version(), o.updatedAt())));
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(shard.getValue());
            dataSource.setUser("backbone");
            try (JdbcShardWriter writer = new JdbcShardWriter(dataSource)) {
                writer.write(mine);
            }
        }
    }

    private Path ledger(String c1, long v1, String c2, long v2, String c3, long v3) throws Exception {
        Path file = dir.resolve("ledger.tsv");
        try (LedgerWriter writer = LedgerWriter.open(file)) {
            long offset = 0;
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

    /** {@code version:deleted} of a customer (by id) or an order (by order id) in its shard, or null. */
    private String row(String table, String id) throws Exception {
        String sql = table.equals("customers") ? "SELECT version || ':' || deleted FROM customers WHERE customer_id = ?"
                : "SELECT version || ':false' FROM orders WHERE order_id = ?";
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
