package dev.backbone.topology.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OutputTopic;
import dev.backbone.topology.internal.JsonSerde;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShardSinkLoopTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final TopicPartition CUSTOMERS = new TopicPartition(OutputTopic.CUSTOMER_CHANGES.topicName(), 0);
  private static final ShardRouter ROUTER = new ShardRouter(2);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final SwitchableShardWriter shard0 = new SwitchableShardWriter();
  private final SwitchableShardWriter shard1 = new SwitchableShardWriter();
  private final ShardSinkLoop loop = new ShardSinkLoop(consumer,
      new ShardSink(ROUTER, Map.of(new ShardId(0), shard0, new ShardId(1), shard1), CircuitBreakerConfig.ofDefaults()),
      new ShardSinkConfig(Duration.ofMillis(1), 2));

  @BeforeEach
  void assignPartition() {
    loop.subscribe();
    consumer.rebalance(List.of(CUSTOMERS));
    consumer.updateBeginningOffsets(Map.of(CUSTOMERS, 0L));
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

  private void add(long offset, String customer) {
    CustomerState state = new CustomerState(customer, customer + "@example.com", "Ada", false, 1, T0, T0);
    byte[] value = JsonSerde.of(Object.class).serializer()
        .serialize(CUSTOMERS.topic(), new EntityChange<>(null, state, 1, T0));
    consumer.addRecord(new ConsumerRecord<>(CUSTOMERS.topic(), 0, offset, customer, value));
  }

  private long committed() {
    OffsetAndMetadata offset = consumer.committed(Set.of(CUSTOMERS)).get(CUSTOMERS);
    return offset == null ? -1 : offset.offset();
  }

  private static String customerOn(int shard, int nth) {
    return IntStream.range(0, 1000).mapToObj(i -> "cus-" + i)
        .filter(id -> ROUTER.shardFor(id).index() == shard).skip(nth).findFirst().orElseThrow();
  }

  /** Keeps written customer ids; throws like an unreachable database while {@link #down}. */
  private static final class SwitchableShardWriter implements ShardWriter {
    final List<String> customers = new ArrayList<>();
    boolean down;

    @Override
    public void write(ShardBatch batch) throws SQLException {
      if (down) {
        throw new SQLException("connection refused", "08001");
      }
      batch.customers().forEach(c -> customers.add(c.customerId()));
    }
  }
}
