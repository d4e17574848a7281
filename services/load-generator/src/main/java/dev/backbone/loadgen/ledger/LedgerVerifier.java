package dev.backbone.loadgen.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.backbone.contracts.EventId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Checks a ledger against Kafka: reads the topics its entries name from the beginning up to their
 * end offsets at the start of the check, and looks up every ledgered event id by its {@code ce_id}
 * header. Events ledgered as BUFFERED count as found wherever they are (they reach Kafka when the
 * SDK drains its journal, so check after the drain).
 */
public final class LedgerVerifier {

    /** Most missing ids listed in a {@link LedgerVerification}. */
    public static final int MAX_REPORTED = 100;

    private LedgerVerifier() {
    }

    /**
     * @param bootstrapServers the cluster
     * @param entries the ledger's entries
     * @param timeout longest time to read the topics
     * @throws IllegalStateException when the topics cannot be read to their end within {@code timeout}
     */
    public static LedgerVerification verify(String bootstrapServers, Collection<LedgerEntry> entries, Duration timeout) {
        Map<EventId, LedgerEntry> ledgered = new HashMap<>();
        Set<String> topics = new TreeSet<>();
        for (LedgerEntry entry : entries) {
            ledgered.putIfAbsent(entry.eventId(), entry);
            topics.add(entry.topic());
        }
        Map<EventId, String> firstPosition = new HashMap<>();
        long duplicates = 0;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, timeout).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            Set<TopicPartition> remaining = new HashSet<>(partitions);
            remaining.removeIf(p -> consumer.position(p, timeout) >= end.get(p));
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + remaining + " to their end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("ce_id");
                    if (id == null) {
                        continue;
                    }
                    EventId eventId = EventId.parse(new String(id.value(), UTF_8));
                    if (ledgered.containsKey(eventId)
                            && firstPosition.putIfAbsent(eventId, record.partition() + ":" + record.offset() + "@" + record.topic()) != null) {
                        duplicates++;
                    }
                }
                remaining.removeIf(p -> consumer.position(p) >= end.get(p));
            }
        }
        return result(ledgered, firstPosition, duplicates);
    }

    private static LedgerVerification result(Map<EventId, LedgerEntry> ledgered, Map<EventId, String> firstPosition, long duplicates) {
        List<EventId> missing = new ArrayList<>();
        long missingCount = 0;
        long misplaced = 0;
        for (LedgerEntry entry : ledgered.values()) {
            String position = firstPosition.get(entry.eventId());
            if (position == null) {
                missingCount++;
                if (missing.size() < MAX_REPORTED) {
                    missing.add(entry.eventId());
                }
            } else if (entry.placement() instanceof LedgerEntry.InKafka kafka
                    && !position.equals(kafka.partition() + ":" + kafka.offset() + "@" + entry.topic())) {
                misplaced++;
            }
        }
        return new LedgerVerification(ledgered.size(), ledgered.size() - missingCount, missing, missingCount, misplaced, duplicates);
    }
}
