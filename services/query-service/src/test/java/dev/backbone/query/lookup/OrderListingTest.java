package dev.backbone.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.query.Order;
import dev.backbone.query.OrderCursor;
import dev.backbone.query.OrderPage;
import dev.backbone.query.QueryPath;
import dev.backbone.query.ShardUnavailableException;
import dev.backbone.query.support.TwoShards;
import dev.backbone.sharding.ShardId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderListingTest {

  private final TwoShards fixture = new TwoShards();
  private final OrderListing listing = new OrderListing(fixture.index, fixture.keys, fixture.gateway, fixture.repairs,
      fixture.metrics);
  private final String ada = fixture.customerOn(0, "ada-");
  private final String bob = fixture.customerOn(1, "bob-");

  @AfterEach
  void close() {
    fixture.close();
  }

  /** Six PAID orders over both shards, two of them tied on placed time; all indexed. */
  private void sixPaidOrders() {
    for (int i = 0; i < 6; i++) {
      String owner = i % 2 == 0 ? ada : bob;
      Instant placed = TwoShards.T0.plusSeconds(i == 5 ? 4 : i); // o-4 and o-5 tie
      fixture.putOrder(owner, "o-" + i, "PAID", placed);
      fixture.indexReader.order("o-" + i, owner).status("PAID", "o-" + i, placed.toEpochMilli());
    }
  }

  @Test
  void shouldListNewestFirstAcrossShardsThroughTheIndex() {
    sixPaidOrders();

    OrderPage page = listing.byStatus("PAID", null, 10);

    assertThat(page.path()).isEqualTo(QueryPath.INDEX);
    assertThat(page.orders()).extracting(Order::orderId).containsExactly("o-5", "o-4", "o-3", "o-2", "o-1", "o-0");
    assertThat(page.nextCursor()).isEmpty();
    assertThat(page.partial()).isFalse();
  }

  @Test
  void shouldPageThroughTiesWithoutLosingOrRepeatingAnOrder() {
    sixPaidOrders();
    for (boolean indexDown : new boolean[] {false, true}) {
      fixture.indexReader.down(indexDown);
      List<String> seen = new ArrayList<>();
      OrderCursor cursor = null;
      do {
        OrderPage page = listing.byStatus("PAID", cursor, 2);
        assertThat(page.path()).isEqualTo(indexDown ? QueryPath.SCATTER : QueryPath.INDEX);
        page.orders().forEach(o -> seen.add(o.orderId()));
        cursor = page.nextCursor().orElse(null);
      } while (cursor != null);
      assertThat(seen).as("index down: " + indexDown).containsExactly("o-5", "o-4", "o-3", "o-2", "o-1", "o-0");
    }
  }

  @Test
  void shouldDropStaleStatusEntriesAndQueueThem() {
    sixPaidOrders();
    fixture.putOrder(bob, "o-3", "SHIPPED", TwoShards.T0.plusSeconds(3)); // moved on; index not yet updated
    fixture.indexReader.status("PAID", "o-ghost", TwoShards.T0.plusSeconds(9).toEpochMilli());

    OrderPage page = listing.byStatus("PAID", null, 10);

    assertThat(page.orders()).extracting(Order::orderId).containsExactly("o-5", "o-4", "o-2", "o-1", "o-0");
    assertThat(page.orders()).allSatisfy(o -> assertThat(o.status()).isEqualTo("PAID"));
    assertThat(fixture.metrics.stale("status")).isEqualTo(2);
    assertThat(fixture.repairs.size()).isEqualTo(2);
  }

  @Test
  void shouldFlagAPartialPageNamingTheMissingShard() {
    sixPaidOrders();
    fixture.shards[1].down(true);
    for (boolean indexDown : new boolean[] {false, true}) {
      fixture.indexReader.down(indexDown);

      OrderPage page = listing.byStatus("PAID", null, 10);

      assertThat(page.partial()).isTrue();
      assertThat(page.missingShards()).containsExactly(new ShardId(1));
      assertThat(page.orders()).extracting(Order::customerId).containsOnly(ada);
    }
  }

  @Test
  void shouldListACustomersOrdersFromItsShardAndFailWhenThatShardIsDown() {
    sixPaidOrders();

    OrderPage page = listing.ofCustomer(bob, null, 2);
    assertThat(page.orders()).extracting(Order::orderId).containsExactly("o-5", "o-3");
    assertThat(page.path()).isEqualTo(QueryPath.SHARD);
    assertThat(listing.ofCustomer(bob, page.nextCursor().orElseThrow(), 2).orders()).extracting(Order::orderId)
        .containsExactly("o-1");

    fixture.shards[1].down(true);
    assertThatThrownBy(() -> listing.ofCustomer(bob, null, 2)).isInstanceOf(ShardUnavailableException.class);
  }

  @Test
  void shouldEndTheMergedPageAtTheLimitAndContinueFromItsLastOrder() {
    Order a = order("a", 5);
    Order b = order("b", 4);
    Order c = order("c", 3);
    Order d = order("d", 2);

    OrderPage page = OrderListing.mergePages(List.of(List.of(a, c), List.of(b, d)), 2, List.of());

    assertThat(page.orders()).containsExactly(a, b);
    assertThat(page.nextCursor()).contains(b.cursor());
    assertThat(OrderListing.mergePages(List.of(List.of(a), List.of(b)), 3, List.of()).nextCursor()).isEmpty();
  }

  private static Order order(String id, int second) {
    Instant at = TwoShards.T0.plusSeconds(second);
    return new Order("c", id, "PAID", 1, "EUR", 1, at, at);
  }
}
