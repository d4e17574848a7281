package dev.backbone.query.support;

import dev.backbone.query.Customer;
import dev.backbone.query.Order;
import dev.backbone.query.OrderCursor;
import dev.backbone.query.shard.ShardReader;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A shard in memory; {@link #down(boolean)} makes every read fail, {@link #calls()} counts reads. */
public final class InMemoryShardReader implements ShardReader {

  private final Map<String, Customer> customers = new ConcurrentHashMap<>();
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean down;

  public InMemoryShardReader put(Customer customer) {
    customers.put(customer.customerId(), customer);
    return this;
  }

  public InMemoryShardReader put(Order order) {
    orders.put(order.customerId() + "/" + order.orderId(), order);
    return this;
  }

  public void down(boolean isDown) {
    this.down = isDown;
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public Optional<Customer> customer(String customerId) {
    read();
    return Optional.ofNullable(customers.get(customerId));
  }

  @Override
  public Optional<Customer> customerByEmail(String lowerCaseEmail) {
    read();
    return customers.values().stream().filter(c -> lowerCaseEmail.equalsIgnoreCase(c.email())).findFirst();
  }

  @Override
  public Optional<Order> order(String customerId, String orderId) {
    read();
    return Optional.ofNullable(orders.get(customerId + "/" + orderId));
  }

  @Override
  public Optional<Order> orderById(String orderId) {
    read();
    return orders.values().stream().filter(o -> o.orderId().equals(orderId)).findFirst();
  }

  @Override
  public List<Order> orders(Collection<OrderKey> keys) {
    read();
    return keys.stream().map(k -> orders.get(k.customerId() + "/" + k.orderId())).filter(o -> o != null).toList();
  }

  @Override
  public List<Order> ordersOfCustomer(String customerId, OrderCursor before, int limit) {
    return listing(o -> o.customerId().equals(customerId), before, limit);
  }

  @Override
  public List<Order> ordersByStatus(String status, OrderCursor before, int limit) {
    return listing(o -> o.status().equals(status), before, limit);
  }

  @Override
  public void ping() {
    read();
  }

  private List<Order> listing(Predicate<Order> filter, OrderCursor before, int limit) {
    read();
    return orders.values().stream().filter(filter).filter(o -> before == null || before.admits(o.cursor()))
        .sorted(Comparator.comparing(Order::cursor, OrderCursor.NEWEST_FIRST)).limit(limit).toList();
  }

  private void read() {
    calls.incrementAndGet();
    if (down) {
      throw new IllegalStateException("shard is down (fake)");
    }
  }
}
