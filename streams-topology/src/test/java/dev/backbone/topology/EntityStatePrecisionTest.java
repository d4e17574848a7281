package dev.backbone.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.index.IndexKeys;
import dev.backbone.topology.index.IndexOp;
import dev.backbone.topology.index.IndexUpdates;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntityStatePrecisionTest {

  // 885 ms + 999_999 ns: PostgreSQL would round this to …886000 µs, so the row and the index disagreed.
  private static final Instant NANOS = Instant.parse("2026-11-25T15:07:26.885999999Z");

  @Test
  void shouldKeepEntityTimesAtTheMicrosecondPrecisionTheShardsStore() {
    OrderState order = new OrderState("cus-1", "ord-1", "PLACED", 100, "EUR", 1, NANOS, NANOS);
    CustomerState customer = new CustomerState("cus-1", "a@b.c", "A", false, 1, NANOS, NANOS);

    assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-11-25T15:07:26.885999Z"));
    assertThat(customer.updatedAt()).isEqualTo(Instant.parse("2026-11-25T15:07:26.885999Z"));
  }

  @Test
  void shouldScoreAnOrderByThePlacedTimeTheShardRowHolds() {
    OrderState order = new OrderState("cus-1", "ord-1", "PLACED", 100, "EUR", 1, NANOS, NANOS);

    assertThat(new IndexUpdates(new IndexKeys("p:")).order(new EntityChange<>(null, order, 1, NANOS)))
        .contains(new IndexOp.SortedAdd("p:orders:status:PLACED", 1_795_619_246_885L, "ord-1"));
  }
}
