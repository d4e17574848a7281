package dev.backbone.topology.shard;

import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;

/**
 * The row a change leaves in the shard: the new state, or for a tombstone a soft-deleted row; and the
 * row the fold's stored state implies (its state store and changelog topic). Public so that
 * reconciliation derives the expected row exactly as the sink writes it.
 */
public final class ShardRows {

  private ShardRows() {
  }

  /**
   * The customer row after {@code change}. A tombstone becomes the last state marked deleted at the
   * tombstone's version, so the row keeps guarding against older replays.
   */
  public static CustomerState customer(EntityChange<CustomerState> change) {
    if (!change.isTombstone()) {
      return change.after();
    }
    CustomerState last = change.before();
    return new CustomerState(last.customerId(), last.email(), last.fullName(), true, change.version(),
        last.createdAt(), change.time());
  }

  /** The order row after {@code change}; orders are never deleted. */
  public static OrderState order(EntityChange<OrderState> change) {
    if (change.isTombstone()) {
      throw new IllegalArgumentException("orders are never deleted, but got a tombstone at version " + change.version());
    }
    return change.after();
  }

  /** The payment row after {@code change}; payments are never deleted (a refund is a status). */
  public static PaymentState payment(EntityChange<PaymentState> change) {
    if (change.isTombstone()) {
      throw new IllegalArgumentException("payments are never deleted, but got a tombstone at version " + change.version());
    }
    return change.after();
  }

  /**
   * The customer row the {@code customer-state} store's value implies: the state itself. The fold never
   * removes a customer from its store; a deleted one stays stored marked deleted, at the deletion's
   * version and time, with its last e-mail, name and creation time — exactly the row
   * {@link #customer(EntityChange)} makes of the tombstone the fold emitted with it (pinned by
   * {@code StoredStateRowsTest}).
   */
  public static CustomerState customerOfState(CustomerState stored) {
    return stored;
  }

  /** The order row the {@code order-state} store's value implies: the state itself (orders are never deleted). */
  public static OrderState orderOfState(OrderState stored) {
    return stored;
  }

  /** The payment row the {@code payment-state} store's value implies: the state itself (payments are never deleted). */
  public static PaymentState paymentOfState(PaymentState stored) {
    return stored;
  }
}
