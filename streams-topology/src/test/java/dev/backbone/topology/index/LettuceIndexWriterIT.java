package dev.backbone.topology.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.index.IndexKeys;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The index writes against the real Redis primary, reached through Sentinel. */
@ExtendWith(LocalStackExtension.class)
class LettuceIndexWriterIT {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final IndexKeys keys;
  private final IndexUpdates updates;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> writerConnection;
  private final StatefulRedisConnection<String, String> readerConnection;
  private final LettuceIndexWriter writer;
  private final RedisCommands<String, String> redis;

  LettuceIndexWriterIT(TestStack stack) {
    stack.redis();
    keys = new IndexKeys(stack.uniqueName("idx") + ":");
    updates = new IndexUpdates(keys);
    client = RedisClient.create(RedisURI.create(stack.layout().redisSentinelUri()));
    writerConnection = client.connect();
    readerConnection = client.connect();
    writer = new LettuceIndexWriter(writerConnection, Duration.ofSeconds(5), 1);
    redis = readerConnection.sync();
  }

  @AfterEach
  void close() {
    writerConnection.close();
    readerConnection.close();
    client.shutdown();
  }

  @Test
  void shouldMoveTheEmailEntryAndStayTheSameWhenReplayed() throws InterruptedException {
    CustomerState v1 = new CustomerState("c-1", "old@example.com", "Ada", false, 1, T0, T0);
    CustomerState v2 = new CustomerState("c-1", "new@example.com", "Ada", false, 2, T0, T0);
    EntityChange<CustomerState> registered = new EntityChange<>(null, v1, 1, T0);
    EntityChange<CustomerState> changed = new EntityChange<>(v1, v2, 2, T0);

    writer.apply(updates.customer(registered));
    writer.apply(updates.customer(changed));
    writer.apply(updates.customer(registered));
    writer.apply(updates.customer(changed));

    assertThat(redis.get(keys.email("new@example.com"))).isEqualTo("c-1");
    assertThat(redis.get(keys.email("old@example.com"))).isNull();
  }

  @Test
  void shouldNotReleaseAnEmailAnotherCustomerOwnsByNow() throws InterruptedException {
    CustomerState ada = new CustomerState("c-1", "shared@example.com", "Ada", false, 1, T0, T0);
    CustomerState bob = new CustomerState("c-2", "shared@example.com", "Bob", false, 1, T0, T0);
    writer.apply(updates.customer(new EntityChange<>(null, bob, 1, T0)));

    writer.apply(updates.customer(new EntityChange<>(ada, null, 2, T0)));

    assertThat(redis.get(keys.email("shared@example.com"))).isEqualTo("c-2");
  }

  @Test
  void shouldListOrdersByStatusInPlacedOrder() throws InterruptedException {
    OrderState first = new OrderState("c-1", "o-1", "PLACED", 100, "EUR", 1, T0, T0);
    OrderState second = new OrderState("c-2", "o-2", "PLACED", 100, "EUR", 1, T0.plusSeconds(1), T0);
    OrderState firstPaid = new OrderState("c-1", "o-1", "PAID", 100, "EUR", 2, T0, T0.plusSeconds(2));

    writer.apply(updates.order(new EntityChange<>(null, second, 1, T0)));
    writer.apply(updates.order(new EntityChange<>(null, first, 1, T0)));
    writer.apply(updates.order(new EntityChange<>(first, firstPaid, 2, T0)));

    assertThat(redis.zrange(keys.ordersByStatus("PLACED"), 0, -1)).containsExactly("o-2");
    assertThat(redis.zrange(keys.ordersByStatus("PAID"), 0, -1)).containsExactly("o-1");
    assertThat(redis.get(keys.order("o-1"))).isEqualTo("c-1");
  }

  @Test
  void shouldNotCountWritesAsDoneUntilEnoughReplicasConfirmThem() throws InterruptedException {
    // The stack's Redis has one replica: asking for two can never be met, so every pipeline fails
    // (the sink then retries it and commits nothing), although the primary applied the writes.
    LettuceIndexWriter demanding = new LettuceIndexWriter(writerConnection, Duration.ofSeconds(1), 2);
    OrderState placed = new OrderState("c-9", "o-9", "PLACED", 100, "EUR", 1, T0, T0);

    assertThatThrownBy(() -> demanding.apply(updates.order(new EntityChange<>(null, placed, 1, T0))))
        .isInstanceOf(IndexWriteException.class)
        .hasMessageContaining("but only 1 of the 2 replica(s) required (backbone.index-sink.min-replicas)");
    assertThat(redis.get(keys.order("o-9"))).isEqualTo("c-9");

    // One replica, as the sink asks by default, confirms the same pipeline.
    writer.apply(updates.order(new EntityChange<>(null, placed, 1, T0)));
  }
}
