package dev.backbone.loadgen.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.sdk.internal.ProducerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * {@code ./backbone bench publish}: SDK publish throughput and latency against Kafka's raw
 * {@code ProducerPerformance} on the same cluster in the same run (acks=all, idempotent, zstd, same
 * linger and batch size, same record count and value size), then the SDK with Kafka unreachable,
 * where every event is acknowledged by the fsynced journal. Prints, never asserts.
 */
public final class PublishBenchmark {

    /** Partitions of each benchmark topic, as the domain topics have. */
    static final int PARTITIONS = 6;
    private static final int WINDOW = 20_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String bootstrapServers;
    private final Path kafkaLibDir;
    private final Path workDir;
    private final Consumer<String> out;

    /**
     * @param bootstrapServers the cluster to measure
     * @param kafkaLibDir the broker distribution's jars ({@code infra/kafka-server/target/lib})
     * @param workDir scratch space for the SDK journals; deleted afterwards
     * @param out receives the report, line by line
     */
    public PublishBenchmark(String bootstrapServers, Path kafkaLibDir, Path workDir, Consumer<String> out) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.kafkaLibDir = Objects.requireNonNull(kafkaLibDir, "kafkaLibDir");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Runs the three phases and prints a table and the SDK/raw ratio.
     *
     * @param records records per phase against Kafka
     * @param bufferedRecords records of the buffered phase
     * @param valueSize bytes of each record value (the SDK's JSON data is padded to this size)
     * @param keys distinct customer ids (record keys) the SDK's events cycle through, >= 1
     */
    public BenchResult run(int records, int bufferedRecords, int valueSize, int keys) throws InterruptedException {
        if (keys < 1) {
            throw new IllegalArgumentException("bench.keys must be >= 1 but was " + keys);
        }
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String rawTopic = "bench-publish-raw-" + suffix;
        String sdkTopic = "bench-publish-sdk-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createTopics(admin, rawTopic, sdkTopic);
            try {
                out.accept(String.format(Locale.ROOT, "raw ProducerPerformance: %,d records of %d B to %s ...", records, valueSize, rawTopic));
                Measurement raw = new RawProducerPerformance(kafkaLibDir, out).run(bootstrapServers, rawTopic, records, valueSize,
                        sdkProducerSettings());
                out.accept("  " + raw.row());
                out.accept(String.format(Locale.ROOT, "SDK EventPublisher: %,d events, %d B data to %s ...", records, valueSize, sdkTopic));
                Measurement sdk = sdk(sdkTopic, records, valueSize, keys);
                out.accept("  " + sdk.row());
                out.accept(String.format(Locale.ROOT, "SDK buffered (Kafka unreachable, journal fsync per batch): %,d events ...",
                        bufferedRecords));
                Measurement buffered = buffered(bufferedRecords, valueSize, keys);
                out.accept("  " + buffered.row());
                BenchResult result = new BenchResult(raw, sdk, buffered);
                report(result);
                return result;
            } finally {
                admin.deleteTopics(List.of(rawTopic, sdkTopic));
                deleteQuietly(workDir);
            }
        }
    }

    private void createTopics(Admin admin, String... names) {
        try {
            admin.createTopics(Stream.of(names).map(name -> new NewTopic(name, PARTITIONS, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2"))).toList()).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create benchmark topics " + List.of(names) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SDK's own producer settings that shape throughput, as {@code key=value} for the raw
     * baseline: read from {@link ProducerSettings}, so the baseline follows the SDK (like with like).
     */
    private List<String> sdkProducerSettings() {
        Map<String, Object> settings = ProducerSettings.of(PublisherConfig.builder().bootstrapServers(bootstrapServers)
                .clientId("bench-raw").source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(workDir.resolve("raw-journal"))).build());
        return Stream.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, ProducerConfig.COMPRESSION_TYPE_CONFIG,
                ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG)
                .map(key -> key + "=" + settings.get(key)).toList();
    }

    private Measurement sdk(String topic, int records, int valueSize, int keys) throws InterruptedException {
        PublisherConfig config = PublisherConfig.builder().bootstrapServers(bootstrapServers).clientId("bench-publish")
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(workDir.resolve("sdk-journal")))
                .topicName(DomainTopic.ORDERS, topic).build();
        try (EventPublisher publisher = EventPublisher.builder(config).build()) {
            return measure("SDK (Kafka)", publisher, records, valueSize, keys, PublishReceipt.Kafka.class);
        }
    }

    private Measurement buffered(int records, int valueSize, int keys) throws InterruptedException {
        PublisherConfig config = PublisherConfig.builder().bootstrapServers("127.0.0.1:" + unusedPort()).clientId("bench-buffered")
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(workDir.resolve("buffered-journal")))
                .maxBlock(Duration.ofMillis(200)).deliveryTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(5)).build();
        try (EventPublisher publisher = EventPublisher.builder(config).build()) {
            // the first failed send switches the publisher to buffering: from then on every event goes to the journal
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            ObjectNode template = template(valueSize);
            PublishReceipt receipt = null;
            for (int i = 0; !(receipt instanceof PublishReceipt.Buffered) && System.nanoTime() < deadline; i++) {
                try {
                    receipt = publisher.publishAndWait(event(publisher, i, template, keys), Duration.ofSeconds(30));
                } catch (TimeoutException e) {
                    receipt = null;
                }
            }
            if (!(receipt instanceof PublishReceipt.Buffered)) {
                throw new IllegalStateException("the publisher did not switch to its journal although Kafka is unreachable");
            }
            return measure("SDK buffered (journal)", publisher, records, valueSize, keys, PublishReceipt.Buffered.class);
        }
    }

    private Measurement measure(String name, EventPublisher publisher, int records, int valueSize, int keys,
            Class<? extends PublishReceipt> expected) throws InterruptedException {
        long[] latencies = new long[records];
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong failures = new AtomicLong();
        AtomicLong lastAck = new AtomicLong();
        ObjectNode template = template(valueSize);
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            window.acquire();
            int index = i;
            long sent = System.nanoTime();
            publisher.publish(event(publisher, i, template, keys)).whenComplete((receipt, error) -> {
                long now = System.nanoTime();
                latencies[index] = now - sent;
                lastAck.accumulateAndGet(now, Math::max);
                if (error != null || !expected.isInstance(receipt)) {
                    failures.incrementAndGet();
                }
                window.release();
            });
        }
        if (!window.tryAcquire(WINDOW, 5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + ": acknowledgements still missing after 5 minutes");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(name + ": " + failures.get() + " events were not acknowledged as " + expected.getSimpleName());
        }
        return Measurement.of(name, latencies, (lastAck.get() - start) / 1e9);
    }

    /** An order-placed event for the {@code i}-th order, with data padded from {@code template}. */
    static EventEnvelope event(EventPublisher publisher, int i, ObjectNode template, int keys) {
        String customer = "bench-c" + (i % keys);
        ObjectNode data = template.deepCopy().put("orderId", "bench-o" + i).put("customerId", customer);
        return publisher.newEvent(EventType.ORDER_PLACED, AggregateId.of(customer), Sequence.of(1), data);
    }

    /** Order-placed data of about {@code valueSize} bytes (ids of a typical length included). */
    static ObjectNode template(int valueSize) {
        ObjectNode data = JSON.objectNode().put("orderId", "bench-o0000000").put("customerId", "bench-c0000");
        ArrayNode items = data.putArray("items");
        items.addObject().put("sku", "S").put("quantity", 1).put("unitPriceMinor", 100);
        data.put("currency", "EUR").put("totalMinor", 100);
        while (data.toString().getBytes(StandardCharsets.UTF_8).length < valueSize) {
            ObjectNode last = (ObjectNode) items.get(items.size() - 1);
            String sku = last.get("sku").asText();
            int missing = valueSize - data.toString().getBytes(StandardCharsets.UTF_8).length;
            if (sku.length() < 64) {
                last.put("sku", sku + "x".repeat(Math.min(missing, 64 - sku.length())));
            } else {
                items.addObject().put("sku", "S").put("quantity", 1).put("unitPriceMinor", 0);
            }
        }
        return data;
    }

    private void report(BenchResult result) {
        out.accept("");
        out.accept(Measurement.header());
        out.accept(result.raw().row());
        out.accept(result.sdk().row());
        out.accept(result.buffered().row());
        out.accept(String.format(Locale.ROOT, "SDK / raw throughput: %.2f   (target >= 0.9 with the buffer idle)", result.ratio()));
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /**
     * The three phases.
     *
     * @param raw Kafka's ProducerPerformance
     * @param sdk the SDK publishing to Kafka
     * @param buffered the SDK with Kafka unreachable (journal)
     */
    public record BenchResult(Measurement raw, Measurement sdk, Measurement buffered) {

        /** SDK records/s divided by raw records/s. */
        public double ratio() {
            return raw.recordsPerSecond() <= 0 ? 0 : sdk.recordsPerSecond() / raw.recordsPerSecond();
        }
    }
}
