package dev.backbone.topology.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OutputTopic;
import dev.backbone.topology.PaymentState;
import dev.backbone.topology.internal.JsonSerde;
import dev.backbone.topology.tracing.InMemoryTracing;
import dev.backbone.topology.tracing.SinkSpans;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShardSinkLoopTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final TopicPartition CUSTOMERS = new TopicPartition(OutputTopic.CUSTOMER_CHANGES.topicName(), 0);
  private static final TopicPartition PAYMENTS = new TopicPartition(OutputTopic.PAYMENT_CHANGES.topicName(), 0);
  private static final ShardRouter ROUTER = new ShardRouter(2);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final SwitchableShardWriter shard0 = new SwitchableShardWriter();
  private final SwitchableShardWriter shard1 = new SwitchableShardWriter();
  private final InMemoryTracing tracing = new InMemoryTracing();
  private final ShardSinkLoop loop = new ShardSinkLoop(consumer,
      new ShardSink(ROUTER, Map.of(new ShardId(0), shard0, new ShardId(1), shard1), CircuitBreakerConfig.ofDefaults()),
      // the poll timeout also bounds how long a flush waits for the writer threads: generous, as MockConsumer never blocks
      new ShardSinkConfig(Duration.ofSeconds(10), 2), tracing.openTelemetry());

  @BeforeEach
  void assignPartition() {
    loop.subscribe();
    consumer.rebalance(List.of(CUSTOMERS));
    consumer.updateBeginningOffsets(Map.of(CUSTOMERS, 0L));
  }

  @AfterEach
  void closeTracing() {
    tracing.close();
  }

  @Test
  void shouldCommitOnlyOffsetsWhoseChangesAreDurable() {
    shard0.down = true;
    add(0, customerOn(1, 0));
    add(1, customerOn(0, 0));
    add(2, customerOn(1, 1));

    loop.pollOnce();

    assertThat(shard1.customers).hasSize(2);
    assertThat(committed()).isEqualTo(1L);

    shard0.down = false;
    loop.pollOnce();

    assertThat(shard0.customers).containsExactly(customerOn(0, 0));
    assertThat(committed()).isEqualTo(3L);
  }

  @Test
  void shouldPauseWhileTooManyChangesWaitForAStalledShardAndResumeAfter() {
    shard0.down = true;
    add(0, customerOn(0, 0));
    add(1, customerOn(0, 1));

    loop.pollOnce();
    assertThat(consumer.paused()).containsExactly(CUSTOMERS);

    shard0.down = false;
    loop.pollOnce();
    assertThat(consumer.paused()).isEmpty();
    assertThat(committed()).isEqualTo(2L);
  }

  @Test
  void shouldEndAChangesSpanOnlyOnceItsShardCommittedItAsAChildOfTheFoldSpan() {
    // given shard 0 is down, and two changes whose records carry their fold spans' context
    shard0.down = true;
    add(0, customerOn(0, 0), InMemoryTracing.headers("00000000000000a0"));
    add(1, customerOn(1, 0), InMemoryTracing.headers("00000000000000a1"));

    // when the loop polls, only shard 1's change is durable, so only its span ended
    loop.pollOnce();
    assertThat(tracing.ended()).singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("shard-sink customer");
      assertThat(span.getTraceId()).isEqualTo(InMemoryTracing.TRACE_ID);
      assertThat(span.getParentSpanId()).isEqualTo("00000000000000a1");
      assertThat(span.getAttributes().get(SinkSpans.SHARD)).isEqualTo(1L);
      assertThat(span.getAttributes().get(SinkSpans.ENTITY_ID)).isEqualTo(customerOn(1, 0));
      assertThat(span.getAttributes().get(SinkSpans.ENTITY_VERSION)).isEqualTo(1L);
      assertThat(span.getAttributes().get(SinkSpans.OUTCOME)).isEqualTo("durable");
    });

    // then, once shard 0 is back, the waiting change's span ends too, with the failed attempt on it
    shard0.down = false;
    loop.pollOnce();
    assertThat(tracing.ended()).hasSize(2);
    SpanData waited = tracing.ended().get(1);
    assertThat(waited.getParentSpanId()).isEqualTo("00000000000000a0");
    assertThat(waited.getAttributes().get(SinkSpans.SHARD)).isEqualTo(0L);
    assertThat(waited.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(waited.getEvents()).extracting(EventData::getName).containsExactly(SinkSpans.WRITE_FAILED);
  }

  @Test
  void shouldEndThePendingChangesSpanWithAnErrorWhenItsPartitionIsRevoked() {
    shard0.down = true;
    add(0, customerOn(0, 0), InMemoryTracing.headers("00000000000000a0"));
    loop.pollOnce();
    assertThat(tracing.ended()).isEmpty();

    consumer.rebalance(List.of());

    assertThat(tracing.ended()).singleElement().satisfies(span -> {
      assertThat(span.getParentSpanId()).isEqualTo("00000000000000a0");
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.getStatus().getDescription()).contains("revoked");
      assertThat(span.getAttributes().get(SinkSpans.OUTCOME)).isEqualTo("revoked");
    });
  }

  @Test
  void shouldWritePaymentChangesToTheirCustomersShardWithAPaymentSpan() {
    // given the payment-changes partition is assigned too, and a refund of a payment of a customer on shard 1
    consumer.rebalance(List.of(CUSTOMERS, PAYMENTS));
    consumer.updateBeginningOffsets(Map.of(PAYMENTS, 0L));
    String customer = customerOn(1, 0);
    PaymentState captured = new PaymentState(customer, "p-1", "o-1", "CAPTURED", 2_500, "EUR", 1, T0);
    PaymentState refunded = new PaymentState(customer, "p-1", "o-1", "REFUNDED", 2_500, "EUR", 2, T0.plusSeconds(1));
    byte[] value = JsonSerde.of(Object.class).serializer()
        .serialize(PAYMENTS.topic(), new EntityChange<>(captured, refunded, 2, T0.plusSeconds(1)));
    consumer.addRecord(new ConsumerRecord<>(PAYMENTS.topic(), 0, 0, T0.toEpochMilli(), TimestampType.CREATE_TIME,
        -1, -1, customer, value, InMemoryTracing.headers("00000000000000b0"), Optional.empty()));

    // when the loop polls
    loop.pollOnce();

    // then shard 1 has the refunded row, the offset is committed and the span names the payment
    assertThat(shard1.payments).containsExactly(refunded);
    assertThat(shard0.payments).isEmpty();
    assertThat(consumer.committed(Set.of(PAYMENTS)).get(PAYMENTS).offset()).isEqualTo(1L);
    assertThat(tracing.ended()).singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("shard-sink payment");
      assertThat(span.getAttributes().get(SinkSpans.ENTITY_KIND)).isEqualTo("payment");
      assertThat(span.getAttributes().get(SinkSpans.ENTITY_ID)).isEqualTo("p-1");
      assertThat(span.getAttributes().get(SinkSpans.ENTITY_VERSION)).isEqualTo(2L);
    });
  }

  private void add(long offset, String customer) {
    add(offset, customer, new RecordHeaders());
  }

  private void add(long offset, String customer, Headers headers) {
    CustomerState state = new CustomerState(customer, customer + "@example.com", "Ada", false, 1, T0, T0);
    byte[] value = JsonSerde.of(Object.class).serializer()
        .serialize(CUSTOMERS.topic(), new EntityChange<>(null, state, 1, T0));
    consumer.addRecord(new ConsumerRecord<>(CUSTOMERS.topic(), 0, offset, T0.toEpochMilli(), TimestampType.CREATE_TIME,
        -1, -1, customer, value, headers, Optional.empty()));
  }

  private long committed() {
    OffsetAndMetadata offset = consumer.committed(Set.of(CUSTOMERS)).get(CUSTOMERS);
    return offset == null ? -1 : offset.offset();
  }

  private static String customerOn(int shard, int nth) {
    return IntStream.range(0, 1000).mapToObj(i -> "cus-" + i)
        .filter(id -> ROUTER.shardFor(id).index() == shard).skip(nth).findFirst().orElseThrow();
  }

  /** Keeps written customer ids and payment rows; throws like an unreachable database while {@link #down}. */
  private static final class SwitchableShardWriter implements ShardWriter {
    final List<String> customers = new ArrayList<>();
    final List<PaymentState> payments = new ArrayList<>();
    boolean down;

    @Override
    public void write(ShardBatch batch) throws SQLException {
      if (down) {
        throw new SQLException("connection refused", "08001");
      }
      batch.customers().forEach(c -> customers.add(c.customerId()));
      payments.addAll(batch.payments());
    }
  }
}
