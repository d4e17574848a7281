package dev.backbone.query;

import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a newest-first order listing: {@code <placed epoch ms>:<order id>}. A page holds the
 * orders strictly before the cursor in (placed time desc, order id desc) order, so ties in placed time
 * never lose or repeat an order. A bare {@code <epoch ms>} means "placed strictly before that time".
 *
 * @param placedAtMillis placed time, epoch milliseconds
 * @param orderId tie-breaker; {@code null} for a bare time cursor
 */
public record OrderCursor(long placedAtMillis, String orderId) {

  /** Newest first: placed time descending, then order id descending (by code point, as Redis does). */
  public static final Comparator<OrderCursor> NEWEST_FIRST = Comparator
      .comparingLong(OrderCursor::placedAtMillis).reversed()
      .thenComparing(OrderCursor::orderIdOrEmpty, Comparator.reverseOrder());

  /** True when an order at {@code position} belongs on the page that starts after this cursor. */
  public boolean admits(OrderCursor position) {
    return position.placedAtMillis < placedAtMillis
        || orderId != null && position.placedAtMillis == placedAtMillis && position.orderId.compareTo(orderId) < 0;
  }

  /** The wire form, {@code <epoch ms>:<order id>} or {@code <epoch ms>}. */
  public String encode() {
    return orderId == null ? Long.toString(placedAtMillis) : placedAtMillis + ":" + orderId;
  }

  private String orderIdOrEmpty() {
    return Objects.requireNonNullElse(orderId, "");
  }
}
