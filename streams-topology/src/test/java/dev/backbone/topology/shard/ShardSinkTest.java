package dev.backbone.topology.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShardSinkTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final TopicPartition P0 = new TopicPartition("backbone.customer-changes.v1", 0);
  private static final ShardRouter ROUTER = new ShardRouter(2);
  private static final String ON_SHARD_0 = customerOn(0);
  private static final String ON_SHARD_1 = customerOn(1);

  private final MutableClock clock = new MutableClock();
  private final InMemoryShardWriter shard0 = new InMemoryShardWriter();
  private final InMemoryShardWriter shard1 = new InMemoryShardWriter();
  private final ShardSink sink = new ShardSink(ROUTER, Map.of(new ShardId(0), shard0, new ShardId(1), shard1),
      CircuitBreakerConfig.custom()
          .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50)
          .waitDurationInOpenState(Duration.ofSeconds(10))
          .clock(clock)
          .build());

  @Test
  void shouldWriteEachShardsChangesAndCommitEverything() {
    sink.offer(change(ON_SHARD_0, 10));
    sink.offer(change(ON_SHARD_1, 11));

    assertThat(sink.flush()).isEmpty();

    assertThat(shard0.customers).containsExactly(ON_SHARD_0);
    assertThat(shard1.customers).containsExactly(ON_SHARD_1);
    assertThat(sink.committableOffsets()).containsEntry(P0, 12L);
    assertThat(sink.pendingCount()).isZero();
  }

  @Test
  void shouldStallOnlyTheDownShardAndCommitNothingPastItsOldestPendingChange() {
    shard0.down = true;
    sink.offer(change(ON_SHARD_1, 10));
    sink.offer(change(ON_SHARD_0, 11));
    sink.offer(change(ON_SHARD_1, 12));

    assertThat(sink.flush()).containsExactly(new ShardId(0));

    assertThat(shard1.customers).containsExactly(ON_SHARD_1);
    assertThat(sink.pendingCount()).isEqualTo(1);
    assertThat(sink.committableOffsets()).containsEntry(P0, 11L);
  }

  @Test
  void shouldOpenTheBreakerOfADownShardAndCatchUpAfterItReturns() {
    shard0.down = true;
    sink.offer(change(ON_SHARD_0, 10));
    sink.flush();
    sink.flush();
    assertThat(sink.breaker(new ShardId(0)).getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int attempts = shard0.attempts;

    shard0.down = false;
    sink.flush();
    assertThat(shard0.attempts).as("no call while the breaker is open").isEqualTo(attempts);

    clock.advance(Duration.ofSeconds(11));
    assertThat(sink.flush()).isEmpty();
    assertThat(shard0.customers).containsExactly(ON_SHARD_0);
    assertThat(sink.committableOffsets()).containsEntry(P0, 11L);
    assertThat(sink.breaker(new ShardId(1)).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  @Timeout(30) // a flush that waited for the hung shard would never return
  void shouldKeepWritingAndCommittingTheOtherShardWhileOneHangs() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ShardWriter hanging = batch -> {
      try {
        release.await(); // a write stuck on its socket timeout
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    try (ShardSink hangingSink = new ShardSink(ROUTER, Map.of(new ShardId(0), hanging, new ShardId(1), shard1),
        CircuitBreakerConfig.ofDefaults())) {
      hangingSink.offer(change(ON_SHARD_0, 10));
      hangingSink.offer(change(ON_SHARD_1, 11));

      long start = System.nanoTime();
      assertThat(hangingSink.flush(Duration.ofMillis(200))).containsExactly(new ShardId(0));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(shard1.customers).containsExactly(ON_SHARD_1);
      assertThat(hangingSink.committableOffsets()).as("the hung shard's change holds the partition back").containsEntry(P0, 10L);

      hangingSink.offer(change(ON_SHARD_1, 12));
      assertThat(hangingSink.flush(Duration.ofMillis(200))).containsExactly(new ShardId(0));
      assertThat(shard1.customers).as("the healthy shard keeps going").hasSize(2);
      assertThat(hangingSink.pendingCount()).isEqualTo(1);

      release.countDown();
      assertThat(hangingSink.flush(Duration.ofSeconds(10))).isEmpty();
      assertThat(hangingSink.committableOffsets()).containsEntry(P0, 13L);
      assertThat(hangingSink.pendingCount()).isZero();
    }
  }

  @Test
  void shouldRetryAFailedBatchAheadOfTheShardsNewerChanges() {
    String second = customerOn(0, 1);
    shard0.down = true;
    sink.offer(change(ON_SHARD_0, 10));
    assertThat(sink.flush()).containsExactly(new ShardId(0));

    sink.offer(change(second, 11));
    shard0.down = false;
    clock.advance(Duration.ofSeconds(11));
    assertThat(sink.flush()).isEmpty();

    assertThat(shard0.customers).containsExactly(ON_SHARD_0, second);
    assertThat(sink.committableOffsets()).containsEntry(P0, 12L);
  }

  @Test
  void shouldNeitherRequeueNorCommitAnInFlightChangeWhosePartitionWasRevoked() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ShardWriter failingLate = batch -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new SQLException("connection reset", "08006");
    };
    try (ShardSink revokingSink = new ShardSink(ROUTER, Map.of(new ShardId(0), failingLate, new ShardId(1), shard1),
        CircuitBreakerConfig.ofDefaults())) {
      revokingSink.offer(change(ON_SHARD_0, 10));
      revokingSink.flush(Duration.ofMillis(50));

      revokingSink.forget(List.of(P0));
      assertThat(revokingSink.pendingCount()).isZero();
      release.countDown();
      revokingSink.flush(Duration.ofSeconds(10));

      assertThat(revokingSink.pendingCount()).as("the new owner re-reads it").isZero();
      assertThat(revokingSink.committableOffsets()).doesNotContainKey(P0);
    }
  }

  private static PendingChange change(String customer, long offset) {
    CustomerState state = new CustomerState(customer, customer + "@example.com", "Ada", false, 1, T0, T0);
    return PendingChange.customer(P0, offset, customer, new EntityChange<>(null, state, 1, T0));
  }

  private static String customerOn(int shard) {
    return customerOn(shard, 0);
  }

  /** The {@code nth} (from 0) of the ids {@code cus-0}, {@code cus-1}, … that live on {@code shard}. */
  private static String customerOn(int shard, int nth) {
    return IntStream.range(0, 100).mapToObj(i -> "cus-" + i)
        .filter(id -> ROUTER.shardFor(id).index() == shard).skip(nth).findFirst().orElseThrow();
  }

  /** Keeps written customer ids; throws like a down database when {@link #down}. */
  private static final class InMemoryShardWriter implements ShardWriter {
    final List<String> customers = new ArrayList<>();
    boolean down;
    int attempts;

    @Override
    public void write(ShardBatch batch) throws SQLException {
      attempts++;
      if (down) {
        throw new SQLException("connection refused", "08001");
      }
      batch.customers().forEach(c -> customers.add(c.customerId()));
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now = T0;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
