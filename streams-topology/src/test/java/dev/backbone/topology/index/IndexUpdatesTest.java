package dev.backbone.topology.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.index.IndexKeys;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndexUpdatesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final IndexUpdates updates = new IndexUpdates(new IndexKeys("t:"));

  @Test
  void shouldPointTheEmailOfANewCustomerToIt() {
    assertThat(updates.customer(new EntityChange<>(null, customer("Ada@Example.com", 1), 1, T0)))
        .containsExactly(new IndexOp.Put("t:email:ada@example.com", "c-1"));
  }

  @Test
  void shouldMoveTheEntryWhenTheEmailChanges() {
    EntityChange<CustomerState> change =
        new EntityChange<>(customer("old@example.com", 1), customer("new@example.com", 2), 2, T0);

    assertThat(updates.customer(change)).containsExactly(
        new IndexOp.DeleteIfEquals("t:email:old@example.com", "c-1"),
        new IndexOp.Put("t:email:new@example.com", "c-1"));
  }

  @Test
  void shouldReleaseTheEmailOfADeletedCustomer() {
    assertThat(updates.customer(new EntityChange<>(customer("gone@example.com", 1), null, 2, T0)))
        .containsExactly(new IndexOp.DeleteIfEquals("t:email:gone@example.com", "c-1"));
  }

  @Test
  void shouldMoveAnOrderBetweenStatusSets() {
    OrderState placed = new OrderState("c-1", "o-1", "PLACED", 100, "EUR", 1, T0, T0);
    OrderState paid = new OrderState("c-1", "o-1", "PAID", 100, "EUR", 2, T0, T0.plusSeconds(5));

    assertThat(updates.order(new EntityChange<>(placed, paid, 2, T0))).containsExactly(
        new IndexOp.Put("t:order:o-1", "c-1"),
        new IndexOp.SortedRemove("t:orders:status:PLACED", "o-1"),
        new IndexOp.SortedAdd("t:orders:status:PAID", T0.toEpochMilli(), "o-1"));
  }

  private static CustomerState customer(String email, long version) {
    return new CustomerState("c-1", email, "Ada", false, version, T0, T0);
  }
}
