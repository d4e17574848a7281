package dev.backbone.topology.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.OrderState;

/** Folds order events into {@link OrderState}, keyed by customer id and order id. */
public final class OrderFolder implements EntityFolder<OrderState> {

  @Override
  public String entityKey(EventEnvelope event) {
    return CustomerChildKey.of(event, "orderId");
  }

  @Override
  public OrderState apply(OrderState current, EventEnvelope event) {
    JsonNode data = event.data();
    long version = event.sequence().value();
    return switch (event.type()) {
      case ORDER_PLACED -> new OrderState(event.subject().value(), data.path("orderId").asText(), "PLACED",
          data.path("totalMinor").asLong(), data.path("currency").asText(), version, event.time(), event.time());
      case ORDER_PAID -> withStatus(current, "PAID", event);
      case ORDER_SHIPPED -> withStatus(current, "SHIPPED", event);
      case ORDER_CANCELLED -> withStatus(current, "CANCELLED", event);
      default -> throw new IllegalArgumentException("not an order event: " + event.type().ceType());
    };
  }

  @Override
  public boolean isDeleted(OrderState state) {
    return false;
  }

  private static OrderState withStatus(OrderState current, String status, EventEnvelope event) {
    if (current == null) {
      return null;
    }
    return new OrderState(current.customerId(), current.orderId(), status, current.totalMinor(), current.currency(),
        event.sequence().value(), current.placedAt(), event.time());
  }
}
