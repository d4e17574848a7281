package dev.backbone.loadgen.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.loadgen.EventSink;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.loadgen.LoadSpec;
import dev.backbone.loadgen.LoadSummary;
import dev.backbone.loadgen.ProgressListener;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.loadgen.ledger.Ledger;
import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.loadgen.ledger.LedgerFold;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class LoadGeneratorIT {

    private static final int EVENTS = Integer.getInteger("backbone.it.load.events", 5_000);

    @TempDir
    Path dir;

    @Test
    void shouldFindEveryLedgeredEventInKafkaWhereTheLedgerSaysItIs(TestStack stack) throws Exception {
        // given unique topics for the three domains
        Map<DomainTopic, String> topics = Map.of(
                DomainTopic.CUSTOMERS, stack.createTopic("load-customers", 3),
                DomainTopic.ORDERS, stack.createTopic("load-orders", 3),
                DomainTopic.PAYMENTS, stack.createTopic("load-payments", 3));
        PublisherConfig.Builder config = PublisherConfig.builder().bootstrapServers(stack.kafka().bootstrapServers())
                .clientId("load-it").source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(dir.resolve("journal")));
        topics.forEach(config::topicName);
        PublisherConfig publisherConfig = config.build();
        LoadSpec spec = LoadSpec.builder().customers(200).ratePerSecond(2_000).maxEvents(EVENTS).maxDuration(Duration.ofMinutes(3))
                .ledger(dir.resolve("ledger.tsv")).idPrefix(stack.uniqueName("it")).build();

        // when the load generator publishes through the SDK
        LoadSummary summary;
        try (EventPublisher publisher = EventPublisher.builder(publisherConfig).build()) {
            summary = LoadGenerator.of(EventSink.of(publisher, publisherConfig)).run(spec, ProgressListener.NONE);
        }

        // then every event was acknowledged and ledgered, and each ledger entry is in Kafka at its offset
        assertThat(summary.progress().published()).isEqualTo(EVENTS);
        assertThat(summary.progress().failed()).isZero();
        assertThat(summary.unconfirmed()).isZero();
        Ledger ledger = Ledger.read(spec.ledger());
        assertThat(ledger.entries()).hasSize(EVENTS);
        Map<String, String> logById = new HashMap<>();
        for (String topic : topics.values()) {
            logById.putAll(readIds(stack.kafka().bootstrapServers(), topic));
        }
        for (LedgerEntry entry : ledger.entries()) {
            LedgerEntry.InKafka placement = (LedgerEntry.InKafka) entry.placement();
            assertThat(logById.get(entry.eventId().toString())).as(entry.eventId().toString())
                    .isEqualTo(entry.topic() + "/" + placement.partition() + "/" + placement.offset());
        }
        ExpectedState expected = LedgerFold.fold(ledger.entries());
        assertThat(expected.events()).isEqualTo(EVENTS);
        assertThat(expected.customers()).hasSize(200);
        assertThat(expected.orders()).isNotEmpty();
    }

    /** Every record of {@code topic}: event id to topic/partition/offset. */
    private static Map<String, String> readIds(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, String> ids = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ids.put(new String(record.headers().lastHeader("ce_id").value(), UTF_8),
                            record.topic() + "/" + record.partition() + "/" + record.offset());
                }
            }
        }
        return ids;
    }
}
