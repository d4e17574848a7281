package dev.backbone.etl.recon;

import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.shard.PendingChange;
import dev.backbone.topology.shard.ShardRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The state the change topics fold to: per entity, the row its latest change leaves in the shard
 * ({@link ShardRows}, exactly as the sink derives it). Reads {@code read_committed} (the topology
 * writes the change topics in transactions) up to the end offsets captured when opened, so one run
 * compares against one fixed cut of the log. Nothing is kept between reads: each read keeps only the
 * entities its filter selects, which is how the log check bounds memory by passes. Not thread-safe.
 */
final class LogDerivedState implements AutoCloseable {

    /** The latest change of an entity, and where it is in the log (to fetch it again for a repair). */
    record LatestChange(EntityRef ref, RowVersion row, TopicPartition partition, long offset) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Long> ends;
    private final boolean complete;
    private final Deserializer<EntityChange<CustomerState>> customers = ChangeSerdes.customerChanges().deserializer();
    private final Deserializer<EntityChange<OrderState>> orders = ChangeSerdes.orderChanges().deserializer();

    private LogDerivedState(KafkaConsumer<String, byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
        for (EntityFamily family : EntityFamily.values()) {
            consumer.partitionsFor(family.topicName(), timeout)
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        this.ends = Map.copyOf(consumer.endOffsets(partitions, timeout));
        this.complete = consumer.beginningOffsets(partitions, timeout).values().stream().allMatch(offset -> offset == 0L);
    }

    /** Connects and captures the end offsets (the last stable offsets: read_committed) of both change topics. */
    static LogDerivedState open(ChangeLogSettings settings) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "backbone-recon");
        settings.security().applyTo(props);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            return new LogDerivedState(consumer, settings.readTimeout());
        } catch (RuntimeException e) {
            consumer.close();
            throw new IllegalStateException("cannot read the change topics at " + settings.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** Whether no partition of the change topics has dropped records to retention: then every row must be explained by a change. */
    boolean complete() {
        return complete;
    }

    /** Records up to the captured end offsets, summed over both topics. */
    long records() {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The latest change of every entity of the scope whose key falls in {@code range}, read from the
     * beginning to the captured end offsets, by entity key.
     */
    Map<String, LatestChange> read(SegmentRange range, Predicate<String> customerScope) {
        Map<String, LatestChange> latest = new HashMap<>();
        scan(null, ends, customerScope, key -> range.contains(EntryDigest.segment(key)), latest);
        return latest;
    }

    /**
     * Brings {@code latest} up to the log's current end for the given keys: reads what was appended
     * since the captured end offsets. A re-check calls it after re-reading the shard rows, so a row the
     * sink wrote from a later change is not mistaken for a row ahead of the log.
     */
    void refresh(Map<String, LatestChange> latest, Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        scan(ends, consumer.endOffsets(partitions, timeout), id -> true, keys::contains, latest);
    }

    /** The latest change of each of {@code keys}, read from the beginning to the log's current end. */
    Map<String, LatestChange> lookup(Set<String> keys) {
        Map<String, LatestChange> latest = new HashMap<>();
        if (!keys.isEmpty()) {
            scan(null, consumer.endOffsets(partitions, timeout), id -> true, keys::contains, latest);
        }
        return latest;
    }

    /**
     * The changes themselves, fetched again by position (one forward read per partition, from its
     * first wanted offset), as sink changes ready to be added to a shard batch; by entity key.
     */
    Map<String, PendingChange> fetch(Collection<LatestChange> changes) {
        Map<TopicPartition, TreeMap<Long, LatestChange>> wanted = new HashMap<>();
        changes.forEach(c -> wanted.computeIfAbsent(c.partition(), p -> new TreeMap<>()).put(c.offset(), c));
        Map<String, PendingChange> fetched = new HashMap<>();
        for (Map.Entry<TopicPartition, TreeMap<Long, LatestChange>> partition : wanted.entrySet()) {
            TreeMap<Long, LatestChange> offsets = partition.getValue();
            consumer.assign(List.of(partition.getKey()));
            consumer.seek(partition.getKey(), offsets.firstKey());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!offsets.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not fetch the changes at " + partition.getKey() + " offsets "
                            + offsets.keySet() + " within " + timeout + " (recon.log.read-timeout)");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (offsets.isEmpty() || record.offset() < offsets.firstKey()) {
                        continue;
                    }
                    if (record.offset() > offsets.firstKey()) {
                        throw new IllegalStateException("the change at " + partition.getKey() + "@" + offsets.firstKey()
                                + " is no longer in the log (retention)");
                    }
                    fetched.put(offsets.pollFirstEntry().getValue().ref().key(), pending(record));
                }
            }
        }
        return fetched;
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void scan(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Predicate<String> customerScope,
                      Predicate<String> keyFilter, Map<String, LatestChange> latest) {
        consumer.assign(partitions);
        if (from == null) {
            consumer.seekToBeginning(partitions);
        } else {
            from.forEach(consumer::seek);
        }
        Set<TopicPartition> remaining = new HashSet<>(partitions);
        remaining.removeIf(p -> consumer.position(p, timeout) >= to.get(p));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!remaining.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + remaining + " to their end within " + timeout
                        + " (recon.log.read-timeout)");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= to.get(partition) || record.key() == null || record.value() == null
                        || !customerScope.test(record.key())) {
                    continue;
                }
                // A customer's key is known before decoding: skip the JSON of customers outside the filter.
                if (record.topic().equals(EntityFamily.CUSTOMER.topicName())
                        && !keyFilter.test(EntityRef.customer(record.key()).key())) {
                    continue;
                }
                LatestChange change = decode(record, partition);
                if (keyFilter.test(change.ref().key())) {
                    latest.merge(change.ref().key(), change, (a, b) -> a.row().version() >= b.row().version() ? a : b);
                }
            }
            remaining.removeIf(p -> consumer.position(p) >= to.get(p));
        }
    }

    private LatestChange decode(ConsumerRecord<String, byte[]> record, TopicPartition partition) {
        try {
            if (record.topic().equals(EntityFamily.CUSTOMER.topicName())) {
                CustomerState row = ShardRows.customer(customers.deserialize(record.topic(), record.value()));
                return new LatestChange(EntityRef.customer(row.customerId()), new RowVersion(row.version(), row.deleted()),
                        partition, record.offset());
            }
            OrderState row = ShardRows.order(orders.deserialize(record.topic(), record.value()));
            return new LatestChange(EntityRef.order(row.customerId(), row.orderId()), new RowVersion(row.version(), false),
                    partition, record.offset());
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable change at " + partition + "@" + record.offset() + ": " + e.getMessage(), e);
        }
    }

    private PendingChange pending(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.topic().equals(EntityFamily.CUSTOMER.topicName())) {
            return PendingChange.customer(partition, record.offset(), record.key(), customers.deserialize(record.topic(), record.value()));
        }
        return PendingChange.order(partition, record.offset(), record.key(), orders.deserialize(record.topic(), record.value()));
    }
}
