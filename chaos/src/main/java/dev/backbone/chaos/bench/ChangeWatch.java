package dev.backbone.chaos.bench;

import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OutputTopic;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches one customer's changes on the topology's output twice: as written (read_uncommitted: the
 * fold has run and its producer sent the change) and as the sinks see it (read_committed: the
 * transaction holding it committed). Splits a produce-to-queryable latency into the topology's part
 * and the sinks' part. Group-less (assigned partitions, from the end), so it moves no one's offsets.
 */
final class ChangeWatch implements AutoCloseable {

    private static final Deserializer<EntityChange<CustomerState>> CHANGES = ChangeSerdes.customerChanges().deserializer();

    private final String customerId;
    private final KafkaConsumer<String, byte[]> written;
    private final KafkaConsumer<String, byte[]> committed;
    private long writtenVersion;
    private long committedVersion;

    ChangeWatch(String bootstrapServers, String customerId) {
        this.customerId = customerId;
        this.written = consumer(bootstrapServers, "read_uncommitted");
        this.committed = consumer(bootstrapServers, "read_committed");
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-change-watch-" + isolation.replace('_', '-'));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a fetch returns as soon as anything is there: the watch times a single record
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        String topic = OutputTopic.CUSTOMER_CHANGES.topicName();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, not at the first timed poll
        return consumer;
    }

    /** Reads what arrived; the highest versions of the customer seen so far are then current. */
    void poll() {
        writtenVersion = Math.max(writtenVersion, highestVersion(written));
        committedVersion = Math.max(committedVersion, highestVersion(committed));
    }

    /** Highest version of the customer's changes the topology has sent (committed or not). */
    long writtenVersion() {
        return writtenVersion;
    }

    /** Highest version of the customer's changes in a committed transaction: what the sinks can read. */
    long committedVersion() {
        return committedVersion;
    }

    private long highestVersion(KafkaConsumer<String, byte[]> consumer) {
        long highest = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ZERO)) {
            if (customerId.equals(record.key()) && record.value() != null) {
                highest = Math.max(highest, CHANGES.deserialize(record.topic(), record.value()).version());
            }
        }
        return highest;
    }

    @Override
    public void close() {
        written.close();
        committed.close();
    }
}
