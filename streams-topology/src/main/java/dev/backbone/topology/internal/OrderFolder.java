package dev.backbone.topology.internal;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.OrderState;

/** Folds order events into {@link OrderState}, keyed by customer id and order id. */
public final class OrderFolder extends CustomerOwnedFolder<OrderState> {

  /** Keys orders by their {@code orderId}. */
  public OrderFolder() {
    super("orderId");
  }

  @Override
  public OrderState apply(OrderState current, EventEnvelope event) {
    long version = event.sequence().value();
    return switch (event.type()) {
      case ORDER_PLACED -> event.readData(data -> new OrderState(event.subject().value(), data.path("orderId").asText(),
          "PLACED", data.path("totalMinor").asLong(), data.path("currency").asText(), version, event.time(), event.time()));
      case ORDER_PAID -> withStatus(current, "PAID", event);
      case ORDER_SHIPPED -> withStatus(current, "SHIPPED", event);
      case ORDER_CANCELLED -> withStatus(current, "CANCELLED", event);
      default -> throw new IllegalArgumentException("not an order event: " + event.type().ceType());
    };
  }

  private static OrderState withStatus(OrderState current, String status, EventEnvelope event) {
    return ifExists(current, order -> new OrderState(order.customerId(), order.orderId(), status, order.totalMinor(),
        order.currency(), event.sequence().value(), order.placedAt(), event.time()));
  }
}
