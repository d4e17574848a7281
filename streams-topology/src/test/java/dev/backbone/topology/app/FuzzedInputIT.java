package dev.backbone.topology.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.codec.InvalidReason;
import dev.backbone.stack.process.Await;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.DeadLetterHeaders;
import dev.backbone.topology.OutputTopic;
import dev.backbone.topology.fuzz.FuzzPlan;
import dev.backbone.topology.fuzz.FuzzRecord;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's "invalid input of any kind goes to a DLQ topic … the partition keeps flowing" through
 * the running application (its own JVM, {@link AppProcess}) on the real stack: 1 000 malformed
 * records from the seeded {@link FuzzPlan}, interleaved with valid events across the partitions of
 * the real domain topics, written by a plain producer; then ~20 garbage lines from {@code kcat}, an
 * external producer without the Java client.
 *
 * <p>The app's consumer groups are set to the topics' ends before it starts: it sees only this
 * class's input, not the shared topics' history, so its dead-letter counter can be compared exactly
 * and the run stays short. The seed is printed; {@code -Dbackbone.it.fuzz.seed=N} repeats a run.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzedInputIT {

  private static final int CUSTOMERS = 100;
  private static final int MALFORMED = 1_000;
  /**
   * Well under Kafka's own 1 MB limits (the brokers' {@code max.message.bytes}, the producers'
   * {@code max.request.size}), so an OVERSIZED record — and its dead letter, which carries it whole —
   * can be written at all. At the default, which equals Kafka's limit, it could not.
   */
  private static final int MAX_RECORD_BYTES = 65_536;
  private static final Duration DEADLINE = Duration.ofMinutes(2);
  /**
   * The app's Micrometer binders look for Kafka metrics made after start (the dead-letter sensor of
   * a task and reason is made at its first dead letter) every {@link AppMetrics#NEW_METRICS_CHECK}.
   */
  private static final Duration METRICS_DEADLINE = AppMetrics.NEW_METRICS_CHECK.multipliedBy(3);
  private static final String DEAD_LETTER_METRIC = "dead_letter";

  @TempDir
  static Path dir;

  private final TestStack stack;
  private final ShardRows rows;
  private final long seed = Long.getLong("backbone.it.fuzz.seed", new Random().nextLong());
  /** Every dead letter the tests read since the app started, by reason: what its counter must say. */
  private final Map<String, Double> deadLetters = new TreeMap<>();
  private String run;
  private AppProcess app;

  FuzzedInputIT(TestStack stack) {
    this.stack = stack;
    this.rows = new ShardRows(stack);
    stack.kafka();
    stack.postgres();
    stack.redis();
  }

  @BeforeAll
  void launchTheAppAtTheEndOfTheTopics() throws Exception {
    run = stack.uniqueName("fuzz");
    startGroupsAtTheEnd(run);
    Path logs = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "app-it-logs"));
    app = AppProcess.launch(stack, run, dir.resolve("state"), run + ":", logs.resolve(run + ".log"),
        Map.of("backbone.topology.max-record-bytes", Integer.toString(MAX_RECORD_BYTES)));
    app.awaitReady(Duration.ofMinutes(2));
  }

  @AfterAll
  void stopTheApp() throws Exception {
    if (app != null) {
      app.stop();
    }
    AppProcess.deleteClasspathCopy();
  }

  @Test
  @Order(1)
  void shouldDeadLetterAThousandMalformedRecordsOnceEachAndProjectTheValidEventsBetweenThem() throws Exception {
    System.out.println("[fuzz-it] " + run + ": seed " + seed + " (repeat with -Dbackbone.it.fuzz.seed=" + seed + ")");
    FuzzPlan plan = FuzzPlan.generate(run, seed, CUSTOMERS, MALFORMED, MAX_RECORD_BYTES, Instant.now());
    try (DeadLetterReader dlq = new DeadLetterReader(stack.kafka().bootstrapServers())) {
      // given 1 000 malformed records between valid events, in order per key, across the partitions
      Map<String, FuzzRecord> written = write(plan.records());
      assertThat(written.keySet().stream().map(p -> p.substring(0, p.indexOf('@'))).distinct())
          .as("partitions written").hasSizeGreaterThan(6);

      // then each malformed record is dead-lettered exactly once: reason, source position, original bytes
      Map<String, List<ConsumerRecord<byte[], byte[]>>> letters = awaitDeadLetters(dlq, DeadLetterReader::source,
          written.entrySet().stream().filter(e -> e.getValue().malformed()).map(Map.Entry::getKey).toList());
      for (Map.Entry<String, FuzzRecord> entry : written.entrySet()) {
        assertDeadLetteredAsPlanned(entry.getKey(), entry.getValue(), letters.getOrDefault(entry.getKey(), List.of()));
      }
    }

    // and every valid event between them is in the shards: the partitions kept flowing
    boolean converged = Await.until(() -> rowsEqual(plan), DEADLINE, Duration.ofSeconds(1));
    assertThat(ShardRows.differences(plan.customers(), rows.customers(run)))
        .as("customer rows (seed %d, converged %s)", seed, converged).isEmpty();
    assertThat(ShardRows.differences(plan.orders(), rows.orders(run))).as("order rows (seed %d)", seed).isEmpty();

    // and the app's dead-letter counter, summed over its tasks, says the same per reason
    assertDeadLetterCounterMatches();
    // and the app is still ready
    app.awaitReady(Duration.ofSeconds(10));
  }

  @Test
  @Order(2)
  void shouldDeadLetterGarbageThatKcatWrites() throws Exception {
    Optional<Path> kcat = onPath("kcat");
    assumeTrue(kcat.isPresent(), "kcat is not on PATH: only the external-producer part of FuzzedInputIT is skipped");
    String topic = DomainTopic.CUSTOMERS.topicName();
    Map<String, String> plain = new LinkedHashMap<>();
    for (int i = 0; i < 16; i++) {
      switch (i % 4) {
        case 0 -> plain.put("kcat garbage " + run + " " + i, InvalidReason.MALFORMED_JSON.name());
        case 1 -> plain.put("{\"kcat\":\"" + run + "\",\"i\":" + i, InvalidReason.MALFORMED_JSON.name());
        case 2 -> plain.put("[\"" + run + "\"," + i + "]", InvalidReason.MISSING_ATTRIBUTE.name());
        default -> plain.put("{\"kcat\":\"" + run + "\",\"i\":" + i + "}", InvalidReason.MISSING_ATTRIBUTE.name());
      }
    }
    Map<String, String> textPlain = new LinkedHashMap<>();
    for (int i = 16; i < 20; i++) {
      textPlain.put("kcat text " + run + " " + i, InvalidReason.UNSUPPORTED_CONTENT_TYPE.name());
    }

    try (DeadLetterReader dlq = new DeadLetterReader(stack.kafka().bootstrapServers())) {
      // given garbage lines written by kcat, some with a content type that is not JSON
      kcat(kcat.get(), topic, plain.keySet(), List.of());
      kcat(kcat.get(), topic, textPlain.keySet(), List.of("-H", "content-type=text/plain"));
      Map<String, String> expected = new HashMap<>(plain);
      expected.putAll(textPlain);

      // then each is dead-lettered once with its reason, pointing at the record kcat wrote
      Map<String, List<ConsumerRecord<byte[], byte[]>>> letters =
          awaitDeadLetters(dlq, FuzzedInputIT::valueText, expected.keySet());
      letters.keySet().retainAll(expected.keySet());
      assertThat(letters.keySet()).as("kcat lines dead-lettered")
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> entry : letters.entrySet()) {
        assertThat(entry.getValue()).as("dead letters of '%s'", entry.getKey()).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = entry.getValue().get(0);
        assertThat(DeadLetterReader.header(letter, DeadLetterHeaders.REASON)).as(entry.getKey())
            .isEqualTo(expected.get(entry.getKey()));
        assertThat(DeadLetterReader.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
        int partition = Integer.parseInt(DeadLetterReader.header(letter, DeadLetterHeaders.SOURCE_PARTITION));
        long offset = Long.parseLong(DeadLetterReader.header(letter, DeadLetterHeaders.SOURCE_OFFSET));
        assertThat(recordAt(topic, partition, offset))
            .as("the record at the dead letter's source position").isEqualTo(letter.value());
      }
    }
    app.awaitReady(Duration.ofSeconds(10));
  }

  /** Writes the records in order with one idempotent producer; returns {@code topic/partition@offset} → record. */
  private Map<String, FuzzRecord> write(List<FuzzRecord> records) throws Exception {
    Map<String, FuzzRecord> written = new LinkedHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 10),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (FuzzRecord record : records) {
        sends.add(producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
            record.headers())));
      }
      producer.flush();
      for (int i = 0; i < records.size(); i++) {
        RecordMetadata metadata = sends.get(i).get(30, TimeUnit.SECONDS);
        written.put(metadata.topic() + "/" + metadata.partition() + "@" + metadata.offset(), records.get(i));
      }
    }
    return written;
  }

  /**
   * Reads the DLQ until every key in {@code expected} has a dead letter, then a few seconds more for
   * duplicates; returns all dead letters read, by {@code keyOf} (source position, or value).
   */
  private Map<String, List<ConsumerRecord<byte[], byte[]>>> awaitDeadLetters(DeadLetterReader dlq,
      Function<ConsumerRecord<byte[], byte[]>, String> keyOf, Collection<String> expected) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> letters = new HashMap<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    long settle = Long.MAX_VALUE;
    while (System.nanoTime() < Math.min(deadline, settle)) {
      poll(dlq).forEach(letter -> letters.computeIfAbsent(keyOf.apply(letter), k -> new ArrayList<>()).add(letter));
      if (settle == Long.MAX_VALUE && letters.keySet().containsAll(expected)) {
        settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      }
    }
    return letters;
  }

  private static String valueText(ConsumerRecord<byte[], byte[]> letter) {
    return letter.value() == null ? "" : new String(letter.value(), UTF_8);
  }

  /** Polls the DLQ once and counts what it read by reason (for the metrics check). */
  private List<ConsumerRecord<byte[], byte[]>> poll(DeadLetterReader dlq) {
    List<ConsumerRecord<byte[], byte[]>> letters = dlq.poll(Duration.ofMillis(500));
    letters.forEach(letter -> deadLetters.merge(String.valueOf(DeadLetterReader.header(letter,
        DeadLetterHeaders.REASON)), 1.0, Double::sum));
    return letters;
  }

  private void assertDeadLetteredAsPlanned(String position, FuzzRecord record,
      List<ConsumerRecord<byte[], byte[]>> letters) {
    String what = record + " at " + position + " (seed " + seed + ")";
    if (!record.malformed()) {
      assertThat(letters).as("dead letters of the valid event %s", what).isEmpty();
      return;
    }
    assertThat(letters).as("dead letters of %s", what).hasSize(1);
    ConsumerRecord<byte[], byte[]> letter = letters.get(0);
    assertThat(DeadLetterReader.header(letter, DeadLetterHeaders.REASON)).as(what).isIn(record.reasons());
    assertThat(DeadLetterReader.header(letter, DeadLetterHeaders.DETAIL)).as(what).isNotBlank();
    assertThat(letter.value()).as("value of %s", what).isEqualTo(record.value());
    assertThat(letter.key()).as("key of %s", what).isEqualTo(record.key());
    assertThat(headers(Arrays.stream(letter.headers().toArray()).filter(h -> !h.key().startsWith("dlq.")).toList()))
        .as("original headers of %s", what).isEqualTo(headers(record.headers()));
  }

  private boolean rowsEqual(FuzzPlan plan) {
    try {
      return rows.customers(run).equals(plan.customers()) && rows.orders(run).equals(plan.orders());
    } catch (Exception e) {
      return false;
    }
  }

  private void assertDeadLetterCounterMatches() throws Exception {
    Map<String, Double> counted = Map.of();
    long deadline = System.nanoTime() + METRICS_DEADLINE.toNanos();
    while (System.nanoTime() < deadline && !counted.equals(deadLetters)) {
      counted = PrometheusText.sumsBy(app.scrapeMetrics(), DEAD_LETTER_METRIC, "reason");
      if (!counted.equals(deadLetters)) {
        Thread.sleep(1_000); // nothing to await but the binders' next check
      }
    }
    assertThat(counted).as("dead-letter-total on /metrics by reason = dead letters on %s", OutputTopic.DLQ.topicName())
        .isEqualTo(deadLetters);
  }

  /** Sets the app's three consumer groups to the current ends of the topics they read. */
  private void startGroupsAtTheEnd(String applicationId) {
    // every domain topic the topology reads, payments included: a group without an offset there would fold
    // the shared stack's whole payments history, and its dead letters would count against this test's
    stack.startGroupAtTheEnd(applicationId, List.of(DomainTopic.CUSTOMERS.topicName(), DomainTopic.ORDERS.topicName(),
        DomainTopic.PAYMENTS.topicName()));
    stack.startGroupAtTheEnd(applicationId + "-shard-sink", List.of(OutputTopic.CUSTOMER_CHANGES.topicName(),
        OutputTopic.ORDER_CHANGES.topicName(), OutputTopic.PAYMENT_CHANGES.topicName()));
    stack.startGroupAtTheEnd(applicationId + "-index-sink", List.of(OutputTopic.CUSTOMER_CHANGES.topicName(),
        OutputTopic.ORDER_CHANGES.topicName()));
  }

  private void kcat(Path kcat, String topic, Iterable<String> lines, List<String> options) throws Exception {
    List<String> command = new ArrayList<>(List.of(kcat.toString(), "-P", "-b", stack.kafka().bootstrapServers(),
        "-t", topic));
    command.addAll(options);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write((String.join("\n", lines) + "\n").getBytes(UTF_8));
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("kcat finished").isTrue();
    assertThat(process.exitValue()).as("kcat exit: %s", new String(process.getInputStream().readAllBytes(), UTF_8))
        .isZero();
  }

  private byte[] recordAt(String topic, int partition, long offset) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seek(tp, offset);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() == offset) {
            return record.value();
          }
        }
      }
      throw new AssertionError("no record at " + tp + "@" + offset);
    }
  }

  private static Optional<Path> onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty()).map(entry -> Path.of(entry, program)).filter(Files::isExecutable)
        .findFirst();
  }

  private static List<String> headers(List<Header> headers) {
    return headers.stream().map(h -> h.key() + "=" + Arrays.toString(h.value())).toList();
  }

}
