package dev.backbone.topology.index;

import dev.backbone.index.IndexKeys;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The index writes one change implies, computed from the old and the new state alone (no reads).
 * Every op is idempotent, so re-applying a suffix of changes in order (after a crash) ends in the
 * same index.
 */
public final class IndexUpdates {

  private final IndexKeys keys;

  /** Uses the key layout {@code keys}. */
  public IndexUpdates(IndexKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** E-mail entry moves: the old e-mail is released (if still ours), the new one points to us. */
  public List<IndexOp> customer(EntityChange<CustomerState> change) {
    List<IndexOp> ops = new ArrayList<>(2);
    CustomerState before = change.before();
    CustomerState after = change.after();
    String oldEmail = before == null ? null : before.email();
    String newEmail = after == null ? null : after.email();
    if (oldEmail != null && (newEmail == null || !keys.email(oldEmail).equals(keys.email(newEmail)))) {
      ops.add(new IndexOp.DeleteIfEquals(keys.email(oldEmail), before.customerId()));
    }
    if (newEmail != null) {
      ops.add(new IndexOp.Put(keys.email(newEmail), after.customerId()));
    }
    return ops;
  }

  /** Order id → customer id, and the order moves between the status sets. */
  public List<IndexOp> order(EntityChange<OrderState> change) {
    OrderState after = change.after();
    if (after == null) {
      return List.of();
    }
    List<IndexOp> ops = new ArrayList<>(3);
    ops.add(new IndexOp.Put(keys.order(after.orderId()), after.customerId()));
    OrderState before = change.before();
    if (before != null && !before.status().equals(after.status())) {
      ops.add(new IndexOp.SortedRemove(keys.ordersByStatus(before.status()), before.orderId()));
    }
    ops.add(new IndexOp.SortedAdd(keys.ordersByStatus(after.status()), after.placedAt().toEpochMilli(),
        after.orderId()));
    return ops;
  }
}
