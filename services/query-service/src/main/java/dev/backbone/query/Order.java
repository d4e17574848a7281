package dev.backbone.query;

import java.time.Instant;

/** An order row as stored on its owner's shard. */
public record Order(
    String customerId, String orderId, String status, long totalCents, String currency, long version,
    Instant placedAt, Instant updatedAt) {

  /** The listing sort key: placed time truncated to milliseconds (the index's score), then order id. */
  public OrderCursor cursor() {
    return new OrderCursor(placedAt.toEpochMilli(), orderId);
  }
}
