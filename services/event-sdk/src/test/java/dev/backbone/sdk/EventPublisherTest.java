package dev.backbone.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing behaviour against Kafka's own fake producer ({@link FakeKafka}); real-Kafka behaviour is in the *IT tests. */
class EventPublisherTest {

  @TempDir
  Path journalDirectory;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  private EventPublisher publisher(FakeKafka kafka, long maxEntries) {
    return publisher(kafka, maxEntries, null);
  }

  private EventPublisher publisher(FakeKafka kafka, long maxEntries, OpenTelemetrySdk otel) {
    return publisher(kafka, maxEntries, otel, java.time.Clock.systemUTC());
  }

  private EventPublisher publisher(FakeKafka kafka, long maxEntries, OpenTelemetrySdk otel,
      java.time.Clock clock) {
    PublisherConfig config = PublisherConfig.builder()
        .bootstrapServers("unused:9092")
        .source(URI.create("/services/test"))
        .journal(JournalConfig.defaults(journalDirectory).withBounds(1_000_000, maxEntries))
        .retry(new RetryPolicy(2, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(50)))
        .closeTimeout(Duration.ofSeconds(1))
        .build();
    EventPublisher.Builder builder = EventPublisher.builder(config).producerFactory(kafka).clock(clock);
    if (otel != null) {
      builder.openTelemetry(otel);
    }
    EventPublisher publisher = builder.build();
    toClose.add(0, publisher);
    return publisher;
  }

  private static ObjectNode order(String customer, String orderId) {
    try {
      return (ObjectNode) JsonMapper.builder().build().readTree("""
          {"orderId":"%s","customerId":"%s","currency":"EUR","totalMinor":100,
           "items":[{"sku":"s","quantity":1,"unitPriceMinor":100}]}""".formatted(orderId, customer));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static CompletionStage<PublishReceipt> placeOrder(EventPublisher publisher, String orderId) {
    return publisher.publish(EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1), order("c-1", orderId));
  }

  private static PublishReceipt await(CompletionStage<PublishReceipt> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldReturnAKafkaReceiptWhenKafkaAcknowledges() throws Exception {
    FakeKafka kafka = FakeKafka.acknowledging();
    EventPublisher publisher = publisher(kafka, 100);

    PublishReceipt receipt = await(placeOrder(publisher, "o-1"));

    assertThat(receipt).isInstanceOfSatisfying(PublishReceipt.Kafka.class,
        acked -> assertThat(acked.topic()).isEqualTo("backbone.orders.v1"));
    ProducerRecord<byte[], byte[]> sent = kafka.history().get(0);
    assertThat(new String(sent.key(), UTF_8)).isEqualTo("c-1");
    assertThat(new String(sent.headers().lastHeader("ce_type").value(), UTF_8)).isEqualTo("com.acme.order.placed.v1");
  }

  @Test
  void shouldSendTheDataAsItWasWhenPublishReturnedAlthoughTheCallerReusesTheNode() throws Exception {
    // given a caller that reuses one data node for its next event, and a send Kafka acknowledges later
    FakeKafka kafka = FakeKafka.manual();
    EventPublisher publisher = publisher(kafka, 100);
    ObjectNode data = order("c-1", "o-1");
    CompletionStage<PublishReceipt> first = publisher.publish(EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1), data);

    // when it changes the node at once (the shorthand takes no copy: it encoded the data before returning)
    data.put("orderId", "o-2").put("totalMinor", 999);
    CompletionStage<PublishReceipt> second = publisher.publish(EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(2), data);
    assertThat(kafka.completeNext()).isTrue();
    assertThat(kafka.completeNext()).isTrue();
    await(first);
    await(second);

    // then each record carries the data of its publish call
    assertThat(kafka.acknowledged()).extracting(sent -> JsonMapper.builder().build().readTree(sent.value()).get("orderId").asText())
        .containsExactly("o-1", "o-2");
    assertThat(JsonMapper.builder().build().readTree(kafka.acknowledged().get(0).value()).get("totalMinor").asInt()).isEqualTo(100);
  }

  @Test
  void shouldJournalTheSendsBehindAFailedSendAndDrainThemInOrder() throws Exception {
    // given three events of one customer in flight
    FakeKafka kafka = FakeKafka.manual();
    EventPublisher publisher = publisher(kafka, 100);
    List<CompletionStage<PublishReceipt>> stages = List.of(
        placeOrder(publisher, "o-1"), placeOrder(publisher, "o-2"), placeOrder(publisher, "o-3"));

    // when the oldest one's batch expires (Kafka's idempotent producer would go on and write the others)
    kafka.errorNext(new TimeoutException("Expiring 1 record(s)"));

    // then the two behind it are journaled behind it, not left to reach Kafka first
    for (int i = 0; i < 3; i++) {
      int position = i + 1;
      assertThat(await(stages.get(i))).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
          b -> assertThat(b.bufferPosition()).isEqualTo(position));
    }
    drainWhileAcknowledging(publisher, kafka);
    assertThat(orderIds(kafka.acknowledged())).containsExactly("o-1", "o-2", "o-3");
    assertThat(kafka.producersCreated()).isEqualTo(2);
  }

  @Test
  void shouldFailTheRestOfADrainBatchWhenOneOfItsSendsFails() throws Exception {
    // given four journaled events of one customer
    FakeKafka down = FakeKafka.manual();
    EventPublisher first = publisher(down, 100);
    List<CompletionStage<PublishReceipt>> stages = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      stages.add(placeOrder(first, "o-" + i));
    }
    down.errorNext(new TimeoutException("Expiring 1 record(s)"));
    for (CompletionStage<PublishReceipt> stage : stages) {
      assertThat(await(stage)).isInstanceOf(PublishReceipt.Buffered.class);
    }
    toClose.remove(first);
    first.close();

    // when, after a restart, the drainer's probe succeeds and the first send of the next batch expires
    FakeKafka kafka = FakeKafka.manual();
    EventPublisher second = publisher(kafka, 100);
    awaitSends(kafka, 1);
    kafka.completeNext();
    awaitSends(kafka, 4);
    kafka.errorNext(new TimeoutException("Expiring 1 record(s)"));

    // then the rest of that batch did not get ahead of it
    drainWhileAcknowledging(second, kafka);
    assertThat(orderIds(kafka.acknowledged())).containsExactly("o-1", "o-2", "o-3", "o-4");
  }

  private static void awaitSends(FakeKafka kafka, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (kafka.history().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(kafka.history()).hasSize(count);
  }

  private static void drainWhileAcknowledging(EventPublisher publisher, FakeKafka kafka) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (publisher.bufferedEvents() > 0 && System.nanoTime() < deadline) {
      kafka.completeNext();
      Thread.sleep(5);
    }
    assertThat(publisher.bufferedEvents()).isZero();
  }

  private static List<String> orderIds(List<ProducerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> new String(r.value(), UTF_8).replaceAll(".*\"orderId\":\"(o-\\d+)\".*", "$1"))
        .toList();
  }

  @Test
  void shouldQueueNewEventsBehindBufferedOnes() throws Exception {
    FakeKafka kafka = FakeKafka.manual();
    EventPublisher publisher = publisher(kafka, 100);
    CompletionStage<PublishReceipt> first = placeOrder(publisher, "o-1");
    kafka.errorNext(new TimeoutException("Expiring 1 record(s)"));
    await(first);

    PublishReceipt second = await(placeOrder(publisher, "o-2"));

    assertThat(second).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
        b -> assertThat(b.bufferPosition()).isEqualTo(2));
  }

  @Test
  void shouldRejectSchemaInvalidEventsWithFieldRuleAndValueWithoutSendingThem() throws Exception {
    FakeKafka kafka = FakeKafka.acknowledging();
    EventPublisher publisher = publisher(kafka, 100);
    ObjectNode bad = order("c-1", "o-1").put("totalMinor", -1);

    CompletionStage<PublishReceipt> rejected =
        publisher.publish(EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1), bad);

    assertThatThrownBy(() -> await(rejected))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(EventRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(EventRejectedException.Reason.SCHEMA_VIOLATION);
          assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("/totalMinor");
            assertThat(v.rule()).isEqualTo("minimum");
            assertThat(v.value()).isEqualTo("-1");
          });
        });
    assertThat(kafka.history()).isEmpty();
    assertThat(await(placeOrder(publisher, "o-2"))).isInstanceOf(PublishReceipt.Kafka.class);
  }

  @Test
  void shouldFailFastWithBufferFullExceptionWhenTheJournalIsFull() throws Exception {
    FakeKafka kafka = FakeKafka.manual();
    EventPublisher publisher = publisher(kafka, 2);
    CompletionStage<PublishReceipt> first = placeOrder(publisher, "o-1");
    kafka.errorNext(new TimeoutException("Expiring 1 record(s)"));
    await(first);
    await(placeOrder(publisher, "o-2"));

    assertThatThrownBy(() -> publisher.publishAndWait(publisher.newEvent(EventType.ORDER_PLACED, AggregateId.of("c-1"),
        Sequence.of(1), order("c-1", "o-3")), Duration.ofSeconds(5)))
        .isInstanceOf(BufferFullException.class)
        .hasMessageContaining("backbone.sdk.journal.max-entries=2");
  }

  @Test
  void shouldInjectTraceparentAndRecordSpanAndMetrics() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    toClose.add(otel);
    FakeKafka kafka = FakeKafka.acknowledging();
    EventPublisher publisher = publisher(kafka, 100, otel);

    await(placeOrder(publisher, "o-1"));

    String traceparent = new String(kafka.history().get(0).headers().lastHeader("traceparent").value(), UTF_8);
    assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("backbone.orders.v1 publish");
      assertThat(traceparent).contains(span.getTraceId()).contains(span.getSpanId());
    });
    assertThat(metrics.collectAllMetrics()).extracting(MetricData::getName)
        .contains("backbone.sdk.publish.events", "backbone.sdk.publish.duration", "backbone.sdk.buffer.entries",
            "backbone.sdk.buffer.bytes", "backbone.sdk.circuit.state");
  }

  @Test
  void shouldReplayBufferedEventsAfterRestart() throws Exception {
    FakeKafka failing = FakeKafka.manual();
    EventPublisher first = publisher(failing, 100);
    CompletionStage<PublishReceipt> buffered = placeOrder(first, "o-1");
    failing.errorNext(new TimeoutException("Expiring 1 record(s)"));
    await(buffered);
    toClose.remove(first);
    first.close();

    FakeKafka healthy = FakeKafka.acknowledging();
    EventPublisher second = publisher(healthy, 100);

    assertThat(second.recovery().pendingEntries()).isEqualTo(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (second.bufferedEvents() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(second.bufferedEvents()).isZero();
    assertThat(new String(healthy.history().get(0).value(), UTF_8)).contains("\"orderId\":\"o-1\"");
  }

  @Test
  void shouldNotLetAnEarlyFailingSendOvertakeAnOlderSendThatFailsLater() throws Exception {
    FakeKafka kafka = FakeKafka.manual();
    EventPublisher publisher = publisher(kafka, 100);
    CompletionStage<PublishReceipt> older = placeOrder(publisher, "o-1");
    kafka.failSendsAtOnce(new TimeoutException("Failed to allocate memory within the configured max blocking time"));
    CompletionStage<PublishReceipt> newer = placeOrder(publisher, "o-2");
    kafka.failSendsAtOnce(null);

    kafka.errorNext(new TimeoutException("Expiring 1 record(s)"));

    assertThat(await(older)).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
        b -> assertThat(b.bufferPosition()).isEqualTo(1));
    assertThat(await(newer)).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
        b -> assertThat(b.bufferPosition()).isEqualTo(2));
  }

  @Test
  void shouldQueueTheNextEventBehindASendThatFailedAtOnceWhileAnOlderSendIsInFlight() throws Exception {
    FakeKafka kafka = FakeKafka.manual();
    EventPublisher publisher = publisher(kafka, 100);
    CompletionStage<PublishReceipt> older = placeOrder(publisher, "o-1");
    kafka.failSendsAtOnce(new TimeoutException("Failed to allocate memory within the configured max blocking time"));
    CompletionStage<PublishReceipt> failedAtOnce = placeOrder(publisher, "o-2");
    kafka.failSendsAtOnce(null);

    CompletionStage<PublishReceipt> next = placeOrder(publisher, "o-3");
    kafka.errorNext(new TimeoutException("Expiring 1 record(s)"));

    assertThat(await(older)).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
        b -> assertThat(b.bufferPosition()).isEqualTo(1));
    assertThat(await(failedAtOnce)).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
        b -> assertThat(b.bufferPosition()).isEqualTo(2));
    assertThat(await(next)).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
        b -> assertThat(b.bufferPosition()).isEqualTo(3));
  }

  @Test
  void shouldOpenTheCircuitWhenASendStallsAndQueueNewEventsBehindIt() throws Exception {
    FakeKafka kafka = FakeKafka.manual();
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    EventPublisher publisher = publisher(kafka, 100, null, clock);
    CompletionStage<PublishReceipt> stalled = placeOrder(publisher, "o-1");

    clock.advance(CircuitBreakerPolicy.DEFAULT.stallTimeout());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!publisher.circuitState().equals("OPEN") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    CompletionStage<PublishReceipt> queued = placeOrder(publisher, "o-2");

    assertThat(publisher.circuitState()).isEqualTo("OPEN");
    assertThat(kafka.history()).hasSize(1);
    kafka.errorNext(new TimeoutException("Expiring 1 record(s)"));
    assertThat(await(stalled)).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
        b -> assertThat(b.bufferPosition()).isEqualTo(1));
    assertThat(await(queued)).isInstanceOfSatisfying(PublishReceipt.Buffered.class,
        b -> assertThat(b.bufferPosition()).isEqualTo(2));
  }

  @Test
  void shouldResumeDirectPublishingWhileEventsKeepArrivingAndKeepTheirOrder() throws Exception {
    // given one event buffered after a failed send
    FakeKafka kafka = FakeKafka.manual();
    EventPublisher publisher = publisher(kafka, 1_000_000);
    CompletionStage<PublishReceipt> first = placeOrder(publisher, "o-0");
    kafka.errorNext(new TimeoutException("Expiring 1 record(s)"));
    assertThat(await(first)).isInstanceOf(PublishReceipt.Buffered.class);

    // when Kafka answers again, acknowledging every 20 ms, while the service publishes an event every
    // 2 ms: the journal is never empty at the end of a drain round trip
    AtomicBoolean stop = new AtomicBoolean();
    Thread broker = new Thread(() -> {
      while (!stop.get()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        while (kafka.completeNext()) {
          Thread.onSpinWait();
        }
      }
    });
    List<String> published = new CopyOnWriteArrayList<>(List.of("o-0"));
    List<CompletableFuture<PublishReceipt>> stages = new CopyOnWriteArrayList<>();
    Thread service = new Thread(() -> {
      for (int i = 1; !stop.get(); i++) {
        published.add("o-" + i);
        stages.add(placeOrder(publisher, "o-" + i).toCompletableFuture());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
    });
    broker.start();
    service.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (stages.stream().noneMatch(s -> s.getNow(null) instanceof PublishReceipt.Kafka) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(100);
    service.interrupt();
    stop.set(true);
    service.join();
    broker.join();
    while (kafka.completeNext()) {
      Thread.yield();
    }

    // then the publisher went back to sending directly, and Kafka saw every event once, in publishing order
    assertThat(stages).anySatisfy(s -> assertThat(s.getNow(null)).isInstanceOf(PublishReceipt.Kafka.class));
    assertThat(stages).allSatisfy(s -> assertThat(s.get(5, TimeUnit.SECONDS)).isNotNull());
    List<String> sent = orderIds(kafka.history()).stream().distinct().toList();
    assertThat(sent).containsExactlyElementsOf(published);
  }
}
