package dev.backbone.etl.recon;

import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;
import dev.backbone.topology.shard.ShardBatch;
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
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fold's state, read from the changelog topics of the Streams app's entity state stores
 * ({@code <application-id>-customer-state-changelog}, {@code …-order-state-changelog},
 * {@code …-payment-state-changelog}): per entity, its
 * latest stored state and the shard row it implies ({@link ShardRows#customerOfState}, exactly as the
 * sink's row). The changelogs are compacted, never expiring: every entity the fold ever stored is
 * there, so a row no state explains is drift, however old. Reads {@code read_committed} (the app runs
 * {@code exactly_once_v2}, so a store write commits with its change record) up to the end offsets
 * captured when opened: one run compares against one fixed cut. Nothing is kept between reads: each
 * read keeps only the entities its filter selects, which is how the log check bounds memory by
 * passes. Not thread-safe.
 */
final class LogDerivedState implements AutoCloseable {

    /** The latest stored state of an entity, as a row version, and where it is in its changelog (to fetch it for a repair). */
    record LatestState(EntityRef ref, RowVersion row, TopicPartition partition, long offset) {
    }

    /** A stored state's shard row, ready to be added to a batch of its customer's shard. */
    record StoredRow(EntityRef ref, RowVersion row, Consumer<ShardBatch> addTo) {
    }

    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private final Duration timeout;
    private final Map<String, EntityFamily> families = new HashMap<>();
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Long> ends;
    private final Deserializer<CustomerState> customers = ChangeSerdes.customerStates().deserializer();
    private final Deserializer<OrderState> orders = ChangeSerdes.orderStates().deserializer();
    private final Deserializer<PaymentState> payments = ChangeSerdes.paymentStates().deserializer();

    /** Over {@code consumer} (read_committed, no auto-commit, no topic auto-creation: {@link #open} configures one). */
    LogDerivedState(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, ChangeLogSettings settings) {
        this.consumer = consumer;
        this.timeout = settings.readTimeout();
        for (EntityFamily family : EntityFamily.values()) {
            String topic = settings.changelogTopic(family);
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("the changelog topic " + topic + " does not exist: give the Streams app's"
                        + " application id (--application-id, backbone.streams.application-id; default "
                        + ChangeLogSettings.DEFAULT_APPLICATION_ID + "), and let the app start once so that it creates its changelogs");
            }
            families.put(topic, family);
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        this.ends = Map.copyOf(consumer.endOffsets(partitions, timeout));
    }

    /** Connects and captures the end offsets (the last stable offsets: read_committed) of every changelog. */
    static LogDerivedState open(ChangeLogSettings settings) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A mistyped application id must not create an empty "changelog" that every row then disagrees with.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "backbone-recon");
        settings.security().applyTo(props);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            return new LogDerivedState(consumer, settings);
        } catch (RuntimeException e) {
            consumer.close();
            throw new IllegalStateException("cannot read the state changelogs at " + settings.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /** The changelogs' captured end offsets, summed: an upper bound of the records a pass reads (compaction leaves gaps). */
    long records() {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The latest state of every entity of the scope whose key falls in {@code range}, read from the
     * beginning to the captured end offsets, by entity key.
     */
    Map<String, LatestState> read(SegmentRange range, Predicate<String> customerScope) {
        Map<String, LatestState> latest = new HashMap<>();
        scan(null, ends, customerScope, key -> range.contains(EntryDigest.segment(key)), latest);
        return latest;
    }

    /**
     * Brings {@code latest} up to the changelogs' current end for the given keys: reads what was
     * appended since the captured end offsets. A re-check calls it after re-reading the shard rows:
     * the sink writes a row from a change record, which commits in the transaction of its store
     * write, so a row the sink wrote meanwhile is explained by the changelog by then.
     */
    void refresh(Map<String, LatestState> latest, Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        scan(ends, consumer.endOffsets(partitions, timeout), id -> true, keys::contains, latest);
    }

    /** The latest state of each of {@code keys}, read from the beginning to the changelogs' current end. */
    Map<String, LatestState> lookup(Set<String> keys) {
        Map<String, LatestState> latest = new HashMap<>();
        if (!keys.isEmpty()) {
            scan(null, consumer.endOffsets(partitions, timeout), id -> true, keys::contains, latest);
        }
        return latest;
    }

    /**
     * The stored states themselves, fetched again from their positions (one forward read per
     * partition, from its first wanted offset), as shard rows; by entity key. A state compacted away
     * since it was read has a newer one later in its partition: that one is taken.
     */
    Map<String, StoredRow> fetch(Collection<LatestState> states) {
        Map<TopicPartition, Map<String, Long>> wanted = new HashMap<>();
        states.forEach(s -> wanted.computeIfAbsent(s.partition(), p -> new HashMap<>()).put(s.ref().key(), s.offset()));
        Map<String, StoredRow> fetched = new HashMap<>();
        for (Map.Entry<TopicPartition, Map<String, Long>> partition : wanted.entrySet()) {
            TopicPartition tp = partition.getKey();
            Map<String, Long> keys = new HashMap<>(partition.getValue());
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            consumer.assign(List.of(tp));
            consumer.seek(tp, keys.values().stream().mapToLong(Long::longValue).min().orElseThrow());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!keys.isEmpty() && consumer.position(tp, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not fetch the states of " + keys.keySet() + " from " + tp + " within "
                            + timeout + " (recon.log.read-timeout)");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    LatestState state = decode(record, tp);
                    Long from = keys.get(state.ref().key());
                    if (from != null && record.offset() >= from) {
                        keys.remove(state.ref().key());
                        fetched.put(state.ref().key(), storedRow(record));
                    }
                }
            }
            if (!keys.isEmpty()) {
                throw new IllegalStateException("the stored states of " + keys.keySet() + " are no longer in " + tp);
            }
        }
        return fetched;
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void scan(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Predicate<String> customerScope,
                      Predicate<String> keyFilter, Map<String, LatestState> latest) {
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
                // Every store's keys start with the customer id (an order's: customer id, NUL, order id; a payment's alike).
                if (record.offset() >= to.get(partition) || record.key() == null || !customerScope.test(record.key())) {
                    continue;
                }
                // A customer's entity key is known before decoding: skip the JSON of customers outside the filter.
                if (families.get(record.topic()) == EntityFamily.CUSTOMER && !keyFilter.test(EntityRef.customer(record.key()).key())) {
                    continue;
                }
                LatestState state = decode(record, partition);
                if (keyFilter.test(state.ref().key())) {
                    // A key lives in one partition, read in offset order: the last record is the stored state.
                    latest.put(state.ref().key(), state);
                }
            }
            remaining.removeIf(p -> consumer.position(p) >= to.get(p));
        }
    }

    private LatestState decode(ConsumerRecord<String, byte[]> record, TopicPartition partition) {
        StoredRow row = storedRow(record);
        return new LatestState(row.ref(), row.row(), partition, record.offset());
    }

    private StoredRow storedRow(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() == null) {
            // The fold never removes an entity from its store (a deleted customer is stored marked deleted).
            throw new IllegalStateException("tombstone at " + where + ": the fold's stores never delete, so reconciliation"
                    + " cannot tell what it means");
        }
        try {
            return switch (families.get(record.topic())) {
                case CUSTOMER -> {
                    CustomerState row = ShardRows.customerOfState(customers.deserialize(record.topic(), record.value()));
                    yield new StoredRow(EntityRef.customer(row.customerId()), new RowVersion(row.version(), row.deleted()),
                            batch -> batch.addCustomerRow(row));
                }
                case ORDER -> {
                    OrderState row = ShardRows.orderOfState(orders.deserialize(record.topic(), record.value()));
                    yield new StoredRow(EntityRef.order(row.customerId(), row.orderId()), new RowVersion(row.version(), false),
                            batch -> batch.addOrderRow(row));
                }
                case PAYMENT -> {
                    PaymentState row = ShardRows.paymentOfState(payments.deserialize(record.topic(), record.value()));
                    yield new StoredRow(EntityRef.payment(row.customerId(), row.paymentId()), new RowVersion(row.version(), false),
                            batch -> batch.addPaymentRow(row));
                }
            };
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable stored state at " + where + ": " + e.getMessage(), e);
        }
    }
}
