package dev.backbone.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

  @Test
  void shouldKeepItsDataWhenTheCallerChangesTheNodeItPassedIn() {
    // given
    ObjectNode data = TestEvents.orderPlacedData("c-1");
    EventEnvelope event = new EventEnvelope(new EventIdGenerator(Clock.systemUTC()).next(),
        URI.create("/services/orders"), EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1), TestEvents.NOW, data);

    // when
    data.put("currency", "USD");
    data.withArray("items").removeAll();

    // then
    assertThat(event.data()).isEqualTo(TestEvents.orderPlacedData("c-1"));
  }

  @Test
  void shouldHandOutACopyOfItsDataThatTheCallerMayChange() {
    // given
    EventEnvelope event = TestEvents.orderPlaced("c-1");

    // when
    ObjectNode copy = event.data().put("currency", "USD");

    // then
    assertThat(copy.get("currency").asText()).isEqualTo("USD");
    assertThat(event.data()).isEqualTo(TestEvents.orderPlacedData("c-1"));
  }

  @Test
  void shouldLendItsOwnDataToReadersWithoutCopyingIt() {
    // given
    EventEnvelope event = TestEvents.orderPlaced("c-1");

    // when
    boolean sameNodeTwice = event.readData(first -> event.readData(second -> first == second));
    boolean equalToData = event.readData(data -> data.equals(TestEvents.orderPlacedData("c-1")));

    // then
    assertThat(sameNodeTwice).isTrue();
    assertThat(equalToData).isTrue();
  }

  @Test
  void shouldAdoptTheDataItIsHandedInsteadOfCopyingIt() {
    // given
    ObjectNode data = TestEvents.orderPlacedData("c-1");

    // when
    EventEnvelope event = EventEnvelope.adopting(new EventIdGenerator(Clock.systemUTC()).next(),
        URI.create("/services/orders"), EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1), TestEvents.NOW, data);

    // then the envelope holds the very node (the caller gave it up), and still hands out copies
    boolean holdsTheNode = event.readData(own -> own == data);
    assertThat(holdsTheNode).isTrue();
    assertThat(event.data()).isEqualTo(data).isNotSameAs(data);
  }

  @Test
  void shouldBeEqualToAnEnvelopeWithTheSameAttributesAndData() {
    // given
    EventId id = new EventIdGenerator(Clock.systemUTC()).next();
    URI source = URI.create("/services/orders");
    EventEnvelope copied = new EventEnvelope(id, source, EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1),
        TestEvents.NOW, TestEvents.orderPlacedData("c-1"));
    EventEnvelope adopted = EventEnvelope.adopting(id, source, EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1),
        TestEvents.NOW, TestEvents.orderPlacedData("c-1"));
    EventEnvelope later = EventEnvelope.adopting(id, source, EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(2),
        TestEvents.NOW, TestEvents.orderPlacedData("c-1"));

    // then
    assertThat(adopted).isEqualTo(copied).hasSameHashCodeAs(copied).isNotEqualTo(later);
    assertThat(adopted.toString()).startsWith("EventEnvelope[id=" + id).contains("type=ORDER_PLACED");
  }

  @Test
  void shouldNameTheMissingAttributeOfAnAdoptedEnvelope() {
    assertThatThrownBy(() -> EventEnvelope.adopting(new EventIdGenerator(Clock.systemUTC()).next(),
        URI.create("/services/orders"), EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1), TestEvents.NOW, null))
        .isInstanceOf(NullPointerException.class).hasMessage("data");
    assertThatThrownBy(() -> EventEnvelope.adopting(new EventIdGenerator(Clock.systemUTC()).next(),
        URI.create(""), EventType.ORDER_PLACED, AggregateId.of("c-1"), Sequence.of(1), TestEvents.NOW,
        TestEvents.orderPlacedData("c-1"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
  }
}
