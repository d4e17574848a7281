package dev.backbone.loadgen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.loadgen.OrderStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventMixTest {

    private static final int EVENTS = 20_000;

    private final List<PlannedEvent> events = generate(new EventMix("mix-test", 300, 7), EVENTS);

    @Test
    void shouldProduceOnlyEventsThatSatisfyTheirSchema() {
        EventValidator validator = new EventValidator();

        for (PlannedEvent event : events) {
            assertThat(validator.validate(event.type(), AggregateId.of(event.customerId()), event.data()))
                    .as("%s %s", event.type(), event.data()).isEmpty();
        }
    }

    @Test
    void shouldProduceEveryEventTypeInARealisticMix() {
        Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        events.forEach(e -> counts.merge(e.type(), 1, Integer::sum));

        assertThat(counts).containsOnlyKeys(EventType.values());
        assertThat(counts.get(EventType.ORDER_PLACED)).isGreaterThan(counts.get(EventType.CUSTOMER_DELETED) * 10);
        assertThat(counts.get(EventType.CUSTOMER_DELETED)).isLessThanOrEqualTo((int) (300 * EventMix.MAX_DELETED_SHARE));
    }

    @Test
    void shouldNumberEveryEntityFromOneUpwardsWithoutGaps() {
        Map<String, Long> last = new HashMap<>();

        for (PlannedEvent event : events) {
            long previous = last.getOrDefault(event.entityId(), 0L);
            assertThat(event.sequence().value()).as(event.entityId()).isEqualTo(previous + 1);
            last.put(event.entityId(), event.sequence().value());
        }
    }

    @Test
    void shouldKeyEveryEventByItsCustomerWhichRegisteredFirstAndIsSilentOnceDeleted() {
        Set<String> registered = new HashSet<>();
        Set<String> deleted = new HashSet<>();

        for (PlannedEvent event : events) {
            assertThat(event.data().get("customerId").asText()).isEqualTo(event.customerId());
            assertThat(deleted).as("event after deletion: %s", event).doesNotContain(event.customerId());
            if (event.type() == EventType.CUSTOMER_REGISTERED) {
                assertThat(registered.add(event.customerId())).isTrue();
            } else {
                assertThat(registered).contains(event.customerId());
            }
            if (event.type() == EventType.CUSTOMER_DELETED) {
                deleted.add(event.customerId());
            }
        }
    }

    @Test
    void shouldMoveOrdersOnlyAlongPlacedPaidShippedOrCancelled() {
        Map<String, OrderStatus> status = new HashMap<>();
        Map<String, String> payments = new HashMap<>();

        for (PlannedEvent event : events) {
            String orderId = event.data().path("orderId").asText();
            switch (event.type()) {
                case ORDER_PLACED -> assertThat(status.put(orderId, OrderStatus.PLACED)).isNull();
                case ORDER_PAID -> {
                    assertThat(status.put(orderId, OrderStatus.PAID)).isEqualTo(OrderStatus.PLACED);
                    assertThat(payments.get(orderId)).isEqualTo("CAPTURED");
                }
                case ORDER_SHIPPED -> assertThat(status.put(orderId, OrderStatus.SHIPPED)).isEqualTo(OrderStatus.PAID);
                case ORDER_CANCELLED -> assertThat(status.put(orderId, OrderStatus.CANCELLED)).isIn(OrderStatus.PLACED, OrderStatus.PAID);
                case PAYMENT_CAPTURED -> {
                    assertThat(status.get(orderId)).isEqualTo(OrderStatus.PLACED);
                    payments.put(orderId, "CAPTURED");
                }
                case PAYMENT_REFUNDED -> {
                    assertThat(status.get(orderId)).isEqualTo(OrderStatus.CANCELLED);
                    assertThat(payments.put(orderId, "REFUNDED")).isEqualTo("CAPTURED");
                }
                default -> { }
            }
        }
    }

    @Test
    void shouldGiveEveryCustomerAnEmailNoOtherCustomerEverHad() {
        Map<String, String> owner = new HashMap<>();

        for (PlannedEvent event : events) {
            if (event.email() != null) {
                assertThat(owner.putIfAbsent(event.email(), event.customerId())).isNull();
                assertThat(event.data().get("email").asText()).isEqualTo(event.email());
            }
        }
    }

    @Test
    void shouldRepeatTheSameEventsForTheSameSeed() {
        List<PlannedEvent> again = generate(new EventMix("mix-test", 300, 7), EVENTS);

        assertThat(again).isEqualTo(events);
    }

    private static List<PlannedEvent> generate(EventMix mix, int count) {
        List<PlannedEvent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(mix.next());
        }
        return out;
    }
}
