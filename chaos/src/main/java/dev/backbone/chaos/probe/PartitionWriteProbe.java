package dev.backbone.chaos.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Split-brain check for a partitioned Kafka cluster: a topic of its own with one partition led by
 * the node the drill cuts off, written from both sides of the cut with {@code acks=all}. The
 * minority (a client that can reach only the cut-off node) must get no acknowledgement, the
 * majority must keep getting them once it has taken the partition over, and after healing the log
 * must hold every write the majority acknowledged, once, and none of the minority's.
 *
 * <p>A topic of the drill's own, not a domain topic: the probe's records would otherwise reach the
 * pipeline. It is created with the durability of the catalogue's topics (RF 3, min ISR 2) and
 * deleted on {@link #close}.
 */
public final class PartitionWriteProbe implements AutoCloseable {

    private static final Duration SEND_EVERY = Duration.ofMillis(200);
    /** The minority's writes must all have failed before the cut heals, or a retry after healing could succeed legitimately. */
    public static final Duration MINORITY_DELIVERY_TIMEOUT = Duration.ofSeconds(6);

    private final Admin admin;
    private final String topic;
    private final List<Writer> writers = new ArrayList<>();

    private PartitionWriteProbe(Admin admin, String topic) {
        this.admin = admin;
        this.topic = topic;
    }

    /**
     * Creates the probe topic with {@code leader} as the preferred (and so first) leader of its one
     * partition and {@code followers} as its other replicas.
     */
    public static PartitionWriteProbe create(Admin admin, String runId, int leader, List<Integer> followers) throws Exception {
        String topic = "backbone.chaos.partition-probe." + runId;
        List<Integer> replicas = new ArrayList<>(List.of(leader));
        replicas.addAll(followers);
        NewTopic newTopic = new NewTopic(topic, Map.of(0, replicas)).configs(Map.of("min.insync.replicas", "2"));
        admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        return new PartitionWriteProbe(admin, topic);
    }

    public String topic() {
        return topic;
    }

    /**
     * Starts writing from a client that learns the cluster from {@code bootstrapServers} only.
     *
     * @param idempotent whether the producer is idempotent. The cut-off side's must not be: an
     *     idempotent producer first needs a producer id, which the cut-off broker cannot get from the
     *     controller quorum, and until then its batches neither leave nor expire (observed: flush()
     *     waited for minutes). It writes plainly, acks=all with one request in flight.
     */
    public Writer startWriting(String side, String bootstrapServers, Duration deliveryTimeout, boolean idempotent) {
        Writer writer = new Writer(side, bootstrapServers, deliveryTimeout, idempotent);
        writers.add(writer);
        writer.start();
        return writer;
    }

    /**
     * Reads the probe partition back through {@code bootstrapServers} (the whole, healed cluster)
     * and compares it with what each side was acknowledged.
     */
    public Outcome readBack(String bootstrapServers, Writer minority, Writer majority) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.position(partition, Duration.ofSeconds(30)) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            Set<String> inLog = new HashSet<>(values);
            long duplicates = values.size() - inLog.size();
            long majorityMissing = majority.acknowledged.stream().filter(v -> !inLog.contains(v)).count();
            long minorityInLog = values.stream().filter(v -> v.startsWith(minority.side + "-")).count();
            return new Outcome(minority.acknowledged.size(), minority.failed.get(), majority.acknowledged.size(), majorityMissing,
                    minorityInLog, duplicates, minority.firstError());
        }
    }

    @Override
    public void close() throws Exception {
        for (Writer writer : writers) {
            writer.stop();
        }
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }

    /**
     * What the probe saw.
     *
     * @param minorityAcknowledged writes the cut-off side was told were durable (must be 0)
     * @param minorityFailed writes the cut-off side was refused
     * @param majorityAcknowledged writes the majority was told were durable (must be positive)
     * @param majorityMissing acknowledged majority writes missing from the healed log (must be 0)
     * @param minorityInLog the minority's writes left in the healed log (must be 0: truncated)
     * @param duplicates records in the log more than once (must be 0: idempotent producers)
     * @param minorityError how the minority's first write failed
     */
    public record Outcome(long minorityAcknowledged, long minorityFailed, long majorityAcknowledged, long majorityMissing,
            long minorityInLog, long duplicates, Optional<String> minorityError) {

        /** What broke an invariant, or empty when none did. */
        public List<String> violations() {
            List<String> violations = new ArrayList<>();
            if (minorityAcknowledged > 0) {
                violations.add("split brain: the cut-off side was acknowledged " + minorityAcknowledged + " writes");
            }
            if (minorityFailed == 0) {
                violations.add("the cut-off side attempted no write that failed: the probe proved nothing about it");
            }
            if (majorityAcknowledged == 0) {
                violations.add("the majority was acknowledged no write during the cut: the cluster did not keep serving");
            }
            if (majorityMissing > 0) {
                violations.add(majorityMissing + " writes acknowledged to the majority are missing after healing");
            }
            if (minorityInLog > 0) {
                violations.add(minorityInLog + " unacknowledged writes of the cut-off side survived healing");
            }
            if (duplicates > 0) {
                violations.add(duplicates + " duplicate records in the probe partition");
            }
            return violations;
        }
    }

    /** One side's producer: a record every 200 ms to the probe partition, each value unique. */
    public final class Writer {

        private final String side;
        private final KafkaProducer<String, String> producer;
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final Duration deliveryTimeout;
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private final Thread thread;
        private volatile boolean running = true;

        private Writer(String side, String bootstrapServers, Duration deliveryTimeout, boolean idempotent) {
            this.side = side;
            this.deliveryTimeout = deliveryTimeout;
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "partition-probe-" + side);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
            if (!idempotent) {
                props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            }
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(3_000, deliveryTimeout.toMillis()));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
            this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            this.thread = new Thread(this::writeUntilStopped, "partition-probe-" + side);
            this.thread.setDaemon(true);
        }

        private void start() {
            thread.start();
        }

        private void writeUntilStopped() {
            long sequence = 0;
            while (running) {
                String value = side + "-" + sequence++;
                try {
                    sent.incrementAndGet();
                    producer.send(new ProducerRecord<>(topic, 0, value, value), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(value);
                        } else {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, error.getClass().getSimpleName() + ": " + error.getMessage());
                        }
                    });
                    Thread.sleep(SEND_EVERY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // send() itself gave up (no metadata within max.block.ms): a refused write too.
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }

        /**
         * Stops writing and waits (at most the delivery timeout and a margin) until every write sent
         * is acknowledged or has failed; closing then fails whatever is left.
         */
        public void stop() throws InterruptedException {
            if (!running) {
                return;
            }
            running = false;
            thread.join();
            long deadline = System.nanoTime() + deliveryTimeout.plusSeconds(10).toNanos();
            while (acknowledged.size() + failed.get() < sent.get() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            producer.close(Duration.ofSeconds(5));
        }

        public long acknowledged() {
            return acknowledged.size();
        }

        Optional<String> firstError() {
            return Optional.ofNullable(firstError.get());
        }
    }
}
