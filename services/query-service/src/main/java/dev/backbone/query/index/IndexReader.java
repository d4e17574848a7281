package dev.backbone.query.index;

import dev.backbone.query.OrderCursor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Redis secondary index. Synchronous; may throw any runtime exception on failure.
 * {@link IndexGateway} adds the timeout, bulkhead and circuit breaker. Entries are hints: callers
 * verify every hit against the shard row.
 */
public interface IndexReader {

  Optional<String> customerIdByEmail(String lowerCaseEmail);

  Optional<String> customerIdByOrder(String orderId);

  /** Owners of the given orders; orders without an entry are absent from the map. */
  Map<String, String> customerIdsByOrders(Collection<String> orderIds);

  /** Up to {@code limit} entries of the status set, newest first, after {@code before} (null: newest). */
  List<IndexedOrder> ordersByStatus(String status, OrderCursor before, int limit);

  /**
   * A member of a status set.
   *
   * @param orderId the member
   * @param placedAtMillis its score
   */
  record IndexedOrder(String orderId, long placedAtMillis) {

    public OrderCursor cursor() {
      return new OrderCursor(placedAtMillis, orderId);
    }
  }
}
