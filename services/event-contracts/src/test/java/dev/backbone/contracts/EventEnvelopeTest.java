package dev.backbone.contracts;

import static org.assertj.core.api.Assertions.assertThat;

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
}
