package dev.backbone.topology.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.index.IndexKeys;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OutputTopic;
import dev.backbone.topology.internal.JsonSerde;
import dev.backbone.topology.tracing.InMemoryTracing;
import dev.backbone.topology.tracing.SinkSpans;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

class IndexSinkLoopTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final TopicPartition CUSTOMERS = new TopicPartition(OutputTopic.CUSTOMER_CHANGES.topicName(), 0);
  private static final IndexKeys KEYS = new IndexKeys("t:");

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final SwitchableRedis redis = new SwitchableRedis();
  private final MutableClock clock = new MutableClock();
  private final InMemoryTracing tracing = new InMemoryTracing();
  private final IndexSinkLoop loop = new IndexSinkLoop(consumer, redis, new IndexUpdates(KEYS),
      new IndexSinkConfig(Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(4), 0),
      clock, tracing.openTelemetry());

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
  void shouldCommitOnlyAfterTheRedisPipelineReturned() throws InterruptedException {
    add(0, "c-1");
    add(1, "c-2");

    loop.pollOnce();

    assertThat(redis.applied).containsExactly(KEYS.email("c-1@example.com"), KEYS.email("c-2@example.com"));
    assertThat(committed()).isEqualTo(2L);
  }

  @Test
  void shouldPauseAndRetryTheSameOpsWithBackoffWhileRedisIsDownSkippingNothing() throws InterruptedException {
    // given Redis is down
    redis.down = true;
    add(0, "c-1");

    // when the loop polls, nothing is committed, the partition pauses, the retry waits for the backoff
    loop.pollOnce();
    assertThat(committed()).isEqualTo(-1L);
    assertThat(consumer.paused()).containsExactly(CUSTOMERS);
    assertThat(loop.status().stalled()).isTrue();
    loop.pollOnce();
    assertThat(redis.attempts).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    loop.pollOnce();
    assertThat(redis.attempts).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    loop.pollOnce();
    assertThat(redis.attempts).as("backoff doubled to 2 s").isEqualTo(2);

    // then, when Redis is back, the same change is applied and committed, and consumption resumes
    redis.down = false;
    clock.advance(Duration.ofSeconds(1));
    loop.pollOnce();
    assertThat(redis.applied).containsExactly(KEYS.email("c-1@example.com"));
    assertThat(committed()).isEqualTo(1L);
    assertThat(consumer.paused()).isEmpty();
    assertThat(loop.status().stalled()).isFalse();
    assertThat(loop.status().failures()).isEqualTo(2);
  }

  @Test
  void shouldEndAChangesSpanOnlyOnceRedisAcknowledgedItAsAChildOfTheFoldSpan() throws InterruptedException {
    // given Redis is down and a change whose record carries its fold span's context
    redis.down = true;
    add(0, "c-1", InMemoryTracing.headers("00000000000000b0"));

    // when the loop polls, the write fails: the span stays open
    loop.pollOnce();
    assertThat(tracing.ended()).isEmpty();

    // then, once Redis acknowledges the retried pipeline, the span ends as a child of the fold span
    redis.down = false;
    clock.advance(Duration.ofSeconds(1));
    loop.pollOnce();
    assertThat(tracing.ended()).singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("index-sink customer");
      assertThat(span.getTraceId()).isEqualTo(InMemoryTracing.TRACE_ID);
      assertThat(span.getParentSpanId()).isEqualTo("00000000000000b0");
      assertThat(span.getAttributes().get(SinkSpans.ENTITY_ID)).isEqualTo("c-1");
      assertThat(span.getAttributes().get(SinkSpans.ENTITY_VERSION)).isEqualTo(1L);
      assertThat(span.getAttributes().get(SinkSpans.OUTCOME)).isEqualTo("durable");
      assertThat(span.getEvents()).extracting(EventData::getName).containsExactly(SinkSpans.WRITE_FAILED);
    });
  }

  @Test
  void shouldEndThePendingChangesSpanWithAnErrorWhenItsPartitionIsRevoked() throws InterruptedException {
    redis.down = true;
    add(0, "c-1", InMemoryTracing.headers("00000000000000b0"));
    loop.pollOnce();

    consumer.rebalance(List.of());

    assertThat(tracing.ended()).singleElement().satisfies(span -> {
      assertThat(span.getParentSpanId()).isEqualTo("00000000000000b0");
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.getAttributes().get(SinkSpans.OUTCOME)).isEqualTo("revoked");
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

  /** Records the keys of applied puts; fails like an unreachable Redis while {@link #down}. */
  private static final class SwitchableRedis implements IndexWriter {
    final List<String> applied = new ArrayList<>();
    boolean down;
    int attempts;

    @Override
    public void apply(List<IndexOp> ops) {
      attempts++;
      if (down) {
        throw new IndexWriteException("connection refused", new IllegalStateException("down"));
      }
      ops.forEach(op -> applied.add(((IndexOp.Put) op).key()));
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now = T0;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
