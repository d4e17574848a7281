package dev.backbone.loadgen.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.sdk.internal.ProducerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./backbone bench publish}: SDK publish throughput and latency against Kafka's raw
 * {@code ProducerPerformance} on the same cluster in the same run (acks=all, idempotent, zstd, same
 * linger and batch size, same record count and value size), then the SDK with Kafka unreachable,
 * where every event is acknowledged by the fsynced journal. Between the raw tool and the SDK, a plain
 * {@code KafkaProducer} sends the SDK's own encoded records, which splits the gap into what the
 * record shape costs and what the SDK's work costs. Prints, never asserts.
 */
public final class PublishBenchmark {

    /** Partitions of each benchmark topic, as the domain topics have. */
    static final int PARTITIONS = 6;
    private static final int WINDOW = 20_000;
    /** More publishing threads than this only measure the scheduler on a small machine. */
    static final int MAX_THREADS = 64;
    /** Each round takes a few seconds per phase; nine give a steady median. */
    static final int MAX_ROUNDS = 9;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
     * Runs the three phases against Kafka and the buffered phase, and prints a table and the SDK/raw
     * ratios: one round; {@link PublishBenchmarkJvm#run} runs several, each in a fresh JVM.
     *
     * @param records records per phase against Kafka
     * @param bufferedRecords records of the buffered phase
     * @param valueSize bytes of each record value (the SDK's JSON data is padded to this size)
     * @param keys distinct customer ids (record keys) the SDK's events cycle through, >= 1
     * @param threads publishing threads of the SDK phases and of the raw phase with the SDK's records
     *     (ProducerPerformance has one), >= 1
     */
    public PublishBenchResult run(int records, int bufferedRecords, int valueSize, int keys, int threads) throws InterruptedException {
        checkArguments(keys, threads, 1);
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String rawTopic = "bench-publish-raw-" + suffix;
        String sdkTopic = "bench-publish-sdk-" + suffix;
        String sdkRecordsTopic = "bench-publish-sdk-records-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createTopics(admin, rawTopic, sdkTopic, sdkRecordsTopic);
            try {
                out.accept(String.format(Locale.ROOT, "raw ProducerPerformance: %,d records of %d B to %s ...", records, valueSize, rawTopic));
                Measurement raw = new RawProducerPerformance(kafkaLibDir, out).run(bootstrapServers, rawTopic, records, valueSize,
                        sdkProducerSettings());
                out.accept("  " + raw.row());
                out.accept(String.format(Locale.ROOT, "raw KafkaProducer, the SDK's records (keyed, ce_* headers, encoded beforehand):"
                        + " %,d to %s ...", records, sdkRecordsTopic));
                Measurement rawSdkRecords = rawSdkRecords(sdkRecordsTopic, records, valueSize, keys, threads);
                out.accept("  " + rawSdkRecords.row());
                out.accept(String.format(Locale.ROOT, "SDK EventPublisher: %,d events, %d B data, %d publishing thread(s), to %s ...",
                        records, valueSize, threads, sdkTopic));
                Measurement sdk = sdk(sdkTopic, records, valueSize, keys, threads);
                out.accept("  " + sdk.row());
                out.accept(String.format(Locale.ROOT, "SDK buffered (Kafka unreachable, journal fsync per batch): %,d events ...",
                        bufferedRecords));
                Measurement buffered = buffered(bufferedRecords, valueSize, keys, threads);
                out.accept("  " + buffered.row());
                PublishBenchResult result = new PublishBenchResult(List.of(new PublishBenchResult.Round(raw, rawSdkRecords, sdk, buffered)));
                report(result, out);
                return result;
            } finally {
                admin.deleteTopics(List.of(rawTopic, sdkTopic, sdkRecordsTopic));
                deleteQuietly(workDir);
            }
        }
    }

    /**
     * Rejects arguments the benchmark cannot run with, before anything starts.
     *
     * @throws IllegalArgumentException naming the option and its range
     */
    public static void checkArguments(int keys, int threads, int rounds) {
        if (keys < 1) {
            throw new IllegalArgumentException("--keys must be >= 1 but was " + keys);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be between 1 and " + MAX_THREADS + " but was " + threads);
        }
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("--rounds must be between 1 and " + MAX_ROUNDS + " but was " + rounds);
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

    private PublisherConfig kafkaConfig(String clientId, String topic) {
        return PublisherConfig.builder().bootstrapServers(bootstrapServers).clientId(clientId)
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(workDir.resolve(clientId + "-journal")))
                .topicName(DomainTopic.ORDERS, topic).build();
    }

    private Measurement sdk(String topic, int records, int valueSize, int keys, int threads) throws InterruptedException {
        try (EventPublisher publisher = EventPublisher.builder(kafkaConfig("bench-publish", topic)).build()) {
            return measure("SDK (Kafka)", publisher, records, valueSize, keys, threads, PublishReceipt.Kafka.class);
        }
    }

    /**
     * The SDK's own records — the same events, keys, {@code ce_*} headers and JSON, encoded by the
     * SDK's codec before the clock starts — sent by a plain {@link KafkaProducer} with the SDK's
     * producer settings, as many threads as the SDK phase, the same window. Against
     * ProducerPerformance it prices the record shape (keys spread over the partitions, headers);
     * against the SDK phase, the SDK's own work (validation, encoding, dispatch, journal bookkeeping,
     * telemetry).
     */
    private Measurement rawSdkRecords(String topic, int records, int valueSize, int keys, int threads) throws InterruptedException {
        PublisherConfig config = kafkaConfig("bench-raw-records", topic);
        List<ProducerRecord<byte[], byte[]>> prepared = new ArrayList<>(records);
        EventEnvelopeCodec codec = new EventEnvelopeCodec(new EventValidator());
        try (EventPublisher events = EventPublisher.builder(config).build()) { // only for newEvent: nothing is published
            ObjectNode template = template(valueSize);
            for (int i = 0; i < records; i++) {
                EncodedEvent encoded = codec.encode(event(events, i, template, keys));
                prepared.add(new ProducerRecord<>(topic, null, null, encoded.key(), encoded.value(), new RecordHeaders(encoded.headers())));
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ProducerSettings.of(config), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            return measure("raw, SDK's records", records, threads, i -> {
                CompletableFuture<Boolean> acked = new CompletableFuture<>();
                producer.send(prepared.get(i), (metadata, error) -> acked.complete(error == null));
                return acked;
            });
        }
    }

    private Measurement buffered(int records, int valueSize, int keys, int threads) throws InterruptedException {
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
            return measure("SDK buffered (journal)", publisher, records, valueSize, keys, threads, PublishReceipt.Buffered.class);
        }
    }

    private Measurement measure(String name, EventPublisher publisher, int records, int valueSize, int keys, int threads,
            Class<? extends PublishReceipt> expected) throws InterruptedException {
        List<Order> orders = orders(records, valueSize, keys);
        return measure(name, records, threads, i -> publish(publisher, orders.get(i)).handle(
                (receipt, error) -> error == null && expected.isInstance(receipt)));
    }

    /**
     * The customer and data of each order the SDK phases publish, made before their clock like the
     * raw phases' records: making a service's data is the service's work, not the SDK's, and it took
     * a tenth of the SDK phase's publishing thread (JFR, 2026-12-03, docs/benchmarks.md).
     */
    static List<Order> orders(int records, int valueSize, int keys) {
        ObjectNode template = template(valueSize); // only read: every order's data is a copy of it
        List<Order> orders = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            orders.add(new Order(customer(i, keys), data(i, template, keys)));
        }
        return orders;
    }

    /** One order-placed event's subject and data, made before the clock. */
    record Order(AggregateId customer, ObjectNode data) {
    }

    /**
     * Sends {@code records} from {@code threads} threads (thread {@code t} sends every record
     * {@code i} with {@code i % threads == t}), with at most {@link #WINDOW} unacknowledged in all;
     * latency is send call to acknowledgement. Several threads stand for a service's request
     * threads, which publish concurrently.
     *
     * @param send sends record {@code i}; completes with whether it was acknowledged as it should be;
     *     called from several threads at once
     */
    static Measurement measure(String name, int records, int threads, IntFunction<CompletionStage<Boolean>> send)
            throws InterruptedException {
        // Before the clock: what earlier phases left (the raw phase's prepared records, over a GiB at a
        // million records) would otherwise be marked and collected during this phase, on its CPU.
        System.gc();
        long[] latencies = new long[records];
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong failures = new AtomicLong();
        AtomicLong lastAck = new AtomicLong();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        List<Thread> senders = new ArrayList<>();
        AtomicLong senderCpu = new AtomicLong();
        long processCpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread sender = new Thread(() -> {
                long threadCpuStart = THREADS.getCurrentThreadCpuTime();
                try {
                    for (int i = first; i < records; i += threads) {
                        window.acquire();
                        int index = i;
                        long sent = System.nanoTime();
                        send.apply(i).whenComplete((acknowledged, error) -> {
                            long now = System.nanoTime();
                            latencies[index] = now - sent;
                            lastAck.accumulateAndGet(now, Math::max);
                            if (error != null || !Boolean.TRUE.equals(acknowledged)) {
                                failures.incrementAndGet();
                            }
                            window.release();
                        });
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    crash.compareAndSet(null, e);
                } catch (RuntimeException | Error e) {
                    crash.compareAndSet(null, e);
                } finally {
                    senderCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - threadCpuStart);
                }
            }, "bench-publisher-" + t);
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        if (crash.get() != null) {
            throw new IllegalStateException(name + ": a publishing thread failed: " + crash.get(), crash.get());
        }
        if (!window.tryAcquire(WINDOW, 5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + ": acknowledgements still missing after 5 minutes");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(name + ": " + failures.get() + " records were not acknowledged as expected");
        }
        return Measurement.of(name, latencies, (lastAck.get() - start) / 1e9, processCpuNanos() - processCpuStart, senderCpu.get());
    }

    /** CPU time of this JVM so far (every thread, GC and JIT included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * An order-placed event for the {@code i}-th order, with {@link #data} padded from {@code template}.
     */
    static EventEnvelope event(EventPublisher publisher, int i, ObjectNode template, int keys) {
        return publisher.newEvent(EventType.ORDER_PLACED, customer(i, keys), Sequence.of(1), data(i, template, keys));
    }

    /**
     * Publishes an order-placed event as a service would: the one-call
     * {@link EventPublisher#publish(EventType, AggregateId, Sequence, ObjectNode)}, data made for it.
     */
    static CompletionStage<PublishReceipt> publish(EventPublisher publisher, Order order) {
        return publisher.publish(EventType.ORDER_PLACED, order.customer(), Sequence.of(1), order.data());
    }

    /** The customer (the key) of the {@code i}-th order: {@code keys} of them, in turn. */
    private static AggregateId customer(int i, int keys) {
        return AggregateId.of("bench-c" + (i % keys));
    }

    /**
     * The data of the {@code i}-th order, padded from {@code template}: a shallow copy, its padded
     * {@code items} array the template's own, which nothing mutates. A deep copy of it took half the
     * benchmark's own share of the publishing thread (JFR, docs/benchmarks.md), time the SDK phase
     * was charged for and the raw phases were not.
     */
    private static ObjectNode data(int i, ObjectNode template, int keys) {
        ObjectNode data = JSON.objectNode();
        data.setAll(template);
        return data.put("orderId", "bench-o" + i).put("customerId", customer(i, keys).value());
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

    /** Prints the table of every round and the ratios, medians of the rounds when there are several. */
    static void report(PublishBenchResult result, Consumer<String> out) {
        out.accept("");
        out.accept(Measurement.header());
        result.rounds().forEach(round -> round.measurements().forEach(m -> out.accept(m.row())));
        int rounds = result.rounds().size();
        String median = rounds == 1 ? "" : ", median of " + rounds + " rounds, each in a fresh JVM";
        out.accept(String.format(Locale.ROOT, "SDK / raw throughput: %.2f   (target >= 0.9 with the buffer idle%s)", result.ratio(), median));
        if (rounds > 1) {
            out.accept("  each round: " + result.each(PublishBenchResult.Round::ratio));
        }
        out.accept(String.format(Locale.ROOT, "  of which the record shape (raw with the SDK's records / raw): %.2f;"
                + " the SDK's own work (SDK / raw with its records): %.2f", result.recordShapeRatio(), result.sdkWorkRatio()));
        out.accept(String.format(Locale.ROOT, "CPU per record in the benchmark's JVM, SDK / raw with its records: %.1fx;"
                + " on the publishing threads: %.1fx", result.cpuRatio(), result.senderCpuRatio()));
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
}
