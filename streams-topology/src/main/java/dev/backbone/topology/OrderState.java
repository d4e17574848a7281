package dev.backbone.topology;

import java.time.Instant;

/**
 * An order as folded from its events; one row of the shard's {@code orders} table.
 *
 * @param customerId the ordering customer (sharding key)
 * @param orderId the order id
 * @param status {@code PLACED}, {@code PAID}, {@code SHIPPED} or {@code CANCELLED}
 * @param totalMinor order total in minor units
 * @param currency ISO 4217 code
 * @param version the sequence of the last applied event
 * @param placedAt when the order was placed
 * @param updatedAt time of the last applied event
 */
public record OrderState(
    String customerId, String orderId, String status, long totalMinor, String currency, long version,
    Instant placedAt, Instant updatedAt) implements Versioned {

  /**
   * Times are kept at PostgreSQL's precision (microseconds): the index score computed from
   * {@code placedAt} must equal what the shard row implies, or reconciliation reports drift.
   */
  public OrderState {
    placedAt = EventTimes.atStorePrecision(placedAt);
    updatedAt = EventTimes.atStorePrecision(updatedAt);
  }
}
