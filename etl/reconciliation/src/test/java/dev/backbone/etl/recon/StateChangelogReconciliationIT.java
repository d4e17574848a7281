package dev.backbone.etl.recon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventIdGenerator;
import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.BackboneTopology;
import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.StreamsSettings;
import dev.backbone.topology.TopologyConfig;
import dev.backbone.topology.shard.JdbcShardWriter;
import dev.backbone.topology.shard.ShardBatch;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Check 2 against the changelogs the real topology writes: {@link BackboneTopology} runs in a
 * KafkaStreams instance with its own application id and {@code exactly_once_v2} on the real cluster,
 * folds a customer's registration and e-mail change, another's registration and deletion, an
 * order's placement and payment and a payment's capture and refund; no sink runs, so the shards hold only what the test plants. The log
 * check then finds the changelogs by the application id, compares, and repairs the rows exactly as
 * the sink would have written them (the deleted customer soft-deleted with its last e-mail).
 */
@ExtendWith(LocalStackExtension.class)
class StateChangelogReconciliationIT {

    private final TestStack stack;

    StateChangelogReconciliationIT(TestStack stack) {
        this.stack = stack;
        stack.kafka();
        stack.postgres();
    }

    @Test
    void shouldCompareAndRepairTheShardsAgainstTheChangelogsTheRealTopologyWrote() throws Exception {
        // given events the real topology folds into its stores, under the test's own application id
        String prefix = stack.uniqueName("rtop") + "-";
        String applicationId = stack.uniqueName("rtop-app");
        String kept = prefix + "c-kept";
        String gone = prefix + "c-gone";
        // (from the end of the shared domain topics: folding the earlier classes' history took minutes)
        stack.startGroupAtTheEnd(applicationId, List.of(DomainTopic.CUSTOMERS.topicName(), DomainTopic.ORDERS.topicName(),
                DomainTopic.PAYMENTS.topicName()));
        publish(List.of(
                event(EventType.CUSTOMER_REGISTERED, kept, 1, "{\"customerId\":\"%s\",\"email\":\"%s@example.com\",\"fullName\":\"Ada\"}"
                        .formatted(kept, kept)),
                event(EventType.CUSTOMER_EMAIL_CHANGED, kept, 2, ("{\"customerId\":\"%s\",\"previousEmail\":\"%s@example.com\","
                        + "\"email\":\"%s@new.example.com\"}").formatted(kept, kept, kept)),
                event(EventType.ORDER_PLACED, kept, 3, """
                        {"orderId":"o-1","customerId":"%s","currency":"EUR","totalMinor":2500,
                         "items":[{"sku":"sku-1","quantity":2,"unitPriceMinor":1250}]}""".formatted(kept)),
                event(EventType.ORDER_PAID, kept, 4, """
                        {"orderId":"o-1","customerId":"%s","paymentId":"p-1","amountMinor":2500,"currency":"EUR"}""".formatted(kept)),
                event(EventType.PAYMENT_CAPTURED, kept, 1, """
                        {"paymentId":"p-1","orderId":"o-1","customerId":"%s","amountMinor":2500,"currency":"EUR",
                         "method":"CARD"}""".formatted(kept)),
                event(EventType.PAYMENT_REFUNDED, kept, 2, """
                        {"paymentId":"p-1","orderId":"o-1","customerId":"%s","amountMinor":2500,"currency":"EUR"}""".formatted(kept)),
                event(EventType.CUSTOMER_REGISTERED, gone, 1, "{\"customerId\":\"%s\",\"email\":\"%s@example.com\",\"fullName\":\"Bo\"}"
                        .formatted(gone, gone)),
                event(EventType.CUSTOMER_DELETED, gone, 2, "{\"customerId\":\"%s\",\"reason\":\"CUSTOMER_REQUEST\"}".formatted(gone))));
        fold(applicationId, Map.of(kept, 2L, gone, 2L, kept + '\u0000' + "o-1", 4L, kept + '\u0000' + "p-1", 2L));
        // and one row the sink wrote an older version of; nothing else of them in the shards
        ShardBatch behind = new ShardBatch();
        behind.addCustomerRow(new CustomerState(kept, kept + "@example.com", "Ada", false, 1, Instant.now(), Instant.now()));
        write(behind);

        // when a dry run compares the shards with the changelogs of that application id
        ReconReport dryRun = reconcile(applicationId, prefix, false);

        // then it finds the stored states, the deletion included, and what each row lacks
        assertThat(dryRun.discrepancies()).extracting(d -> d.kind() + " " + d.key() + " " + d.expected() + " " + d.found())
                .containsExactlyInAnyOrder(
                        "ROW_BEHIND customer:" + kept + " 2:false 1:false",
                        "ROW_MISSING customer:" + gone + " 2:true null",
                        "ROW_MISSING order:" + kept + "|o-1 4:false null",
                        "ROW_MISSING payment:" + kept + "|p-1 2:false null");

        // when a repair run applies them
        ReconReport repair = reconcile(applicationId, prefix, true);

        // then the rows are the stored states, as the sink writes them, and a further run is clean
        assertThat(repair.discrepancies()).allMatch(Discrepancy::repaired).hasSize(4);
        assertThat(text("SELECT version || ':' || deleted || ':' || email FROM customers WHERE customer_id = ?", kept))
                .isEqualTo("2:false:" + kept + "@new.example.com");
        assertThat(text("SELECT version || ':' || deleted || ':' || email FROM customers WHERE customer_id = ?", gone))
                .isEqualTo("2:true:" + gone + "@example.com");
        assertThat(text("SELECT version || ':' || status FROM orders WHERE customer_id = ? AND order_id = 'o-1'", kept))
                .isEqualTo("4:PAID");
        assertThat(text("SELECT version || ':' || status || ':' || amount_cents || ':' || order_id FROM payments"
                + " WHERE customer_id = ? AND payment_id = 'p-1'", kept)).isEqualTo("2:REFUNDED:2500:o-1");
        assertThat(reconcile(applicationId, prefix, false).discrepancies()).isEmpty();
    }

    private ReconReport reconcile(String applicationId, String prefix, boolean repair) {
        ReconSettings settings = new ReconSettings(stack.layout().shardJdbcUrls(), stack.layout().warehouseJdbcUrl(), "backbone", "",
                stack.layout().redisSentinelUri(), "unused:", Duration.ofSeconds(5));
        ChangeLogSettings log = new ChangeLogSettings(stack.kafka().bootstrapServers(), 2, Duration.ofMinutes(2))
                .withApplicationId(applicationId);
        return new Reconciler(settings, line -> { }).run(new ReconOptions(Set.of(Check.LOG), repair, log, null, prefix));
    }

    private static EventEnvelope event(EventType type, String customerId, long sequence, String data) throws Exception {
        return new EventEnvelope(new EventIdGenerator(Clock.systemUTC()).next(), URI.create("/services/it"), type,
                AggregateId.of(customerId), Sequence.of(sequence), Instant.now(), (ObjectNode) JsonMapper.builder().build().readTree(data));
    }

    private void publish(List<EventEnvelope> events) {
        EventEnvelopeCodec codec = new EventEnvelopeCodec(new EventValidator());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (EventEnvelope event : events) {
                EncodedEvent encoded = codec.encode(event);
                producer.send(new ProducerRecord<>(encoded.topic(), null, encoded.key(), encoded.value(), encoded.headers()));
            }
            producer.flush();
        }
    }

    /** Runs the topology until its changelogs hold the {@code latest} committed version of each store key, then stops it. */
    private void fold(String applicationId, Map<String, Long> latest) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        BackboneTopology.build(builder, TopologyConfig.defaults());
        try (KafkaStreams streams = new KafkaStreams(builder.build(),
                new StreamsSettings(applicationId, stack.kafka().bootstrapServers(), Files.createTempDirectory("recon-it")).toProperties());
             KafkaConsumer<String, byte[]> changelogs = new KafkaConsumer<>(Map.<String, Object>of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-it-check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            streams.start();
            changelogs.subscribe(Pattern.compile(Pattern.quote(applicationId) + "-(customer|order|payment)-state-changelog"));
            Map<String, Long> stored = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!stored.equals(latest) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : changelogs.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && latest.containsKey(record.key())) {
                        stored.put(record.key(), storedVersion(record));
                    }
                }
            }
            assertThat(stored).as("the committed stored states, by store key").isEqualTo(latest);
        }
    }

    private static long storedVersion(ConsumerRecord<String, byte[]> record) {
        if (record.topic().endsWith("-customer-state-changelog")) {
            return ChangeSerdes.customerStates().deserializer().deserialize(record.topic(), record.value()).version();
        }
        if (record.topic().endsWith("-payment-state-changelog")) {
            return ChangeSerdes.paymentStates().deserializer().deserialize(record.topic(), record.value()).version();
        }
        return ChangeSerdes.orderStates().deserializer().deserialize(record.topic(), record.value()).version();
    }

    private void write(ShardBatch batch) throws Exception {
        ShardRouter router = new ShardRouter(stack.layout().shardCount());
        for (Map.Entry<ShardId, String> shard : stack.layout().shardJdbcUrls().entrySet()) {
            ShardBatch mine = new ShardBatch();
            batch.customers().stream().filter(c -> router.shardFor(c.customerId()).equals(shard.getKey())).forEach(mine::addCustomerRow);
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(shard.getValue());
            dataSource.setUser("backbone");
            try (JdbcShardWriter writer = new JdbcShardWriter(dataSource)) {
                writer.write(mine);
            }
        }
    }

    private String text(String sql, String customerId) throws Exception {
        for (String url : stack.layout().shardJdbcUrls().values()) {
            try (Connection c = DriverManager.getConnection(url, "backbone", ""); PreparedStatement query = c.prepareStatement(sql)) {
                query.setString(1, customerId);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
        }
        return null;
    }
}
