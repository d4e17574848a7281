package dev.backbone.topology.shard;

import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;

/**
 * The row a change leaves in the shard: the new state, or for a tombstone a soft-deleted row. Public
 * so that reconciliation derives the expected row exactly as the sink writes it.
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
}
