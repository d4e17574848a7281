package dev.backbone.topology;

import java.time.Instant;

/**
 * A payment as folded from its events; one row of the shard's {@code payments} table.
 *
 * @param customerId the paying customer (sharding key)
 * @param paymentId the payment id
 * @param orderId the order the payment is for
 * @param status {@code CAPTURED} or {@code REFUNDED}
 * @param amountMinor the captured amount in minor units (a refund does not change it)
 * @param currency ISO 4217 code
 * @param version the sequence of the last applied event
 * @param updatedAt time of the last applied event
 */
public record PaymentState(
    String customerId, String paymentId, String orderId, String status, long amountMinor, String currency, long version,
    Instant updatedAt) implements Versioned {

  /** Times are kept at PostgreSQL's precision (microseconds), like {@link OrderState}'s. */
  public PaymentState {
    updatedAt = EventTimes.atStorePrecision(updatedAt);
  }
}
