package dev.backbone.query.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.query.Answer;
import dev.backbone.query.Order;
import dev.backbone.query.QueryPath;
import dev.backbone.query.support.TwoShards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderLookupTest {

  private final TwoShards fixture = new TwoShards();
  private final OrderLookup lookup = new OrderLookup(fixture.index, fixture.keys, fixture.gateway, fixture.repairs,
      fixture.metrics);
  private final String ada = fixture.customerOn(0, "ada-");
  private final String bob = fixture.customerOn(1, "bob-");

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldAnswerThroughTheIndexFromTheOwnersShard() {
    Order order = fixture.putOrder(ada, "o-1", "PAID", TwoShards.T0);
    fixture.indexReader.order("o-1", ada);

    assertThat(lookup.byId("o-1")).isEqualTo(Answer.found(order, QueryPath.INDEX));
  }

  @Test
  void shouldFindTheRealOrderWhenTheIndexNamesTheWrongOwner() {
    Order order = fixture.putOrder(bob, "o-1", "PAID", TwoShards.T0);
    fixture.indexReader.order("o-1", ada);

    assertThat(lookup.byId("o-1")).isEqualTo(Answer.found(order, QueryPath.SCATTER));
    assertThat(fixture.metrics.stale("order")).isEqualTo(1);
    assertThat(fixture.repairs.size()).isEqualTo(1);
  }

  @Test
  void shouldScatterWhenTheIndexIsDown() {
    Order order = fixture.putOrder(bob, "o-2", "PLACED", TwoShards.T0);
    fixture.indexReader.down(true);

    assertThat(lookup.byId("o-2")).isEqualTo(Answer.found(order, QueryPath.SCATTER));
    assertThat(lookup.byId("o-missing")).isEqualTo(Answer.notFound(QueryPath.SCATTER));
  }
}
