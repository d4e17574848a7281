package dev.backbone.query.shard;

import dev.backbone.query.Customer;
import dev.backbone.query.Order;
import dev.backbone.query.OrderCursor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads one shard's rows. Implementations are synchronous and may throw any runtime exception on
 * failure; {@link ShardGateway} adds the timeout, bulkhead and circuit breaker. Soft-deleted
 * customers are never returned.
 */
public interface ShardReader {

  Optional<Customer> customer(String customerId);

  /** The live customer whose e-mail equals {@code lowerCaseEmail} ignoring case. */
  Optional<Customer> customerByEmail(String lowerCaseEmail);

  Optional<Order> order(String customerId, String orderId);

  /** Finds an order without knowing its owner (scatter-gather only). */
  Optional<Order> orderById(String orderId);

  /** The rows of the given (customer id, order id) pairs that exist on this shard, in any order. */
  List<Order> orders(Collection<OrderKey> keys);

  /** A customer's orders, newest first, after {@code before} (null: from the newest). */
  List<Order> ordersOfCustomer(String customerId, OrderCursor before, int limit);

  /** Orders in a status, newest first, after {@code before} (null: from the newest). */
  List<Order> ordersByStatus(String status, OrderCursor before, int limit);

  /** Fails unless the shard answers a trivial query. */
  void ping();

  /**
   * An order's primary key.
   *
   * @param customerId owner, the sharding key
   * @param orderId order id
   */
  record OrderKey(String customerId, String orderId) {
  }
}
