package dev.backbone.query.lookup;

import dev.backbone.query.Order;
import dev.backbone.query.OrderCursor;
import dev.backbone.query.OrderPage;
import dev.backbone.query.QueryPath;
import dev.backbone.query.index.IndexGateway;
import dev.backbone.index.IndexKeys;
import dev.backbone.query.index.IndexReader.IndexedOrder;
import dev.backbone.query.index.IndexUnavailableException;
import dev.backbone.query.index.RepairQueue;
import dev.backbone.query.index.StaleEntry;
import dev.backbone.query.shard.ShardGateway;
import dev.backbone.query.shard.ShardReader;
import dev.backbone.query.shard.ShardReader.OrderKey;
import dev.backbone.sharding.ShardId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Order listings, newest first, with cursor pagination.
 *
 * <p>By status: the index's status set gives one page of order ids in order; their rows are read from
 * the owners' shards in parallel and each is verified (exists, same status, same placed time) — stale
 * members are dropped, counted and queued, so a page may hold fewer than {@code limit} orders while
 * {@code nextCursor} still continues after the last index entry. Redis down or slow: every shard is
 * asked for its newest {@code limit} orders after the cursor, in parallel, and the answers merged.
 * Either way a shard that does not answer is named in {@link OrderPage#missingShards()}.
 *
 * <p>Of a customer: shard-local; its shard being down is an error (503), never an empty page.
 */
public final class OrderListing {

  private static final Comparator<Order> NEWEST_FIRST = Comparator.comparing(Order::cursor, OrderCursor.NEWEST_FIRST);

  private final IndexGateway index;
  private final IndexKeys keys;
  private final ShardGateway shards;
  private final RepairQueue repairs;
  private final QueryMetrics metrics;

  public OrderListing(IndexGateway index, IndexKeys keys, ShardGateway shards, RepairQueue repairs,
      QueryMetrics metrics) {
    this.index = index;
    this.keys = keys;
    this.shards = shards;
    this.repairs = repairs;
    this.metrics = metrics;
  }

  public OrderPage byStatus(String status, OrderCursor before, int limit) {
    List<IndexedOrder> entries;
    Map<String, String> owners;
    try {
      entries = index.ordersByStatus(status, before, limit);
      owners = index.customerIdsByOrders(entries.stream().map(IndexedOrder::orderId).toList());
    } catch (IndexUnavailableException e) {
      metrics.fallback("index_unavailable");
      return scatterByStatus(status, before, limit);
    }
    Map<ShardId, List<OrderKey>> keysByShard = new LinkedHashMap<>();
    for (IndexedOrder entry : entries) {
      String owner = owners.get(entry.orderId());
      if (owner == null) {
        stale(status, entry, null, "order entry missing");
      } else {
        keysByShard.computeIfAbsent(shards.owner(owner), s -> new ArrayList<>()).add(new OrderKey(owner, entry.orderId()));
      }
    }
    Map<ShardId, Function<ShardReader, List<Order>>> questions = new LinkedHashMap<>();
    keysByShard.forEach((shard, orderKeys) -> questions.put(shard, reader -> reader.orders(orderKeys)));
    ShardGateway.Gathered<List<Order>> gathered = shards.scatter(questions);

    Map<String, Order> rows = new LinkedHashMap<>();
    gathered.answers().values().forEach(list -> list.forEach(order -> rows.put(order.orderId(), order)));
    List<ShardId> missing = gathered.missingShards();
    List<Order> page = new ArrayList<>();
    for (IndexedOrder entry : entries) {
      String owner = owners.get(entry.orderId());
      if (owner == null || missing.contains(shards.owner(owner))) {
        continue;
      }
      Order row = rows.get(entry.orderId());
      Optional<Order> ownedRow = Optional.ofNullable(row).filter(r -> r.customerId().equals(owner));
      Optional<String> staleReason = IndexVerification.statusEntry(status, entry, ownedRow);
      if (staleReason.isPresent()) {
        stale(status, entry, owner, staleReason.get());
      } else {
        page.add(row);
      }
    }
    page.sort(NEWEST_FIRST);
    Optional<OrderCursor> next = entries.size() < limit ? Optional.empty()
        : Optional.of(entries.get(entries.size() - 1).cursor());
    return new OrderPage(page, next, missing, QueryPath.INDEX);
  }

  /**
   * @throws dev.backbone.query.ShardUnavailableException when the customer's shard does not answer
   */
  public OrderPage ofCustomer(String customerId, OrderCursor before, int limit) {
    List<Order> orders = shards.ask(shards.owner(customerId), reader -> reader.ordersOfCustomer(customerId, before, limit));
    return new OrderPage(orders, nextCursor(orders, limit), List.of(), QueryPath.SHARD);
  }

  private OrderPage scatterByStatus(String status, OrderCursor before, int limit) {
    ShardGateway.Gathered<List<Order>> gathered = shards.scatter(reader -> reader.ordersByStatus(status, before, limit));
    return mergePages(gathered.answers().values(), limit, gathered.missingShards());
  }

  /**
   * Merges per-shard pages (each newest first, at most {@code limit} long) into one page: a shard
   * that returned a full page may have more, so the merged page ends at the {@code limit}-th order and
   * the cursor continues from there.
   */
  static OrderPage mergePages(Collection<List<Order>> shardPages, int limit, List<ShardId> missing) {
    List<Order> merged = new ArrayList<>();
    boolean more = false;
    for (List<Order> shardPage : shardPages) {
      merged.addAll(shardPage);
      more |= shardPage.size() >= limit;
    }
    merged.sort(NEWEST_FIRST);
    more |= merged.size() > limit;
    List<Order> page = merged.subList(0, Math.min(limit, merged.size()));
    Optional<OrderCursor> next = more && !page.isEmpty() ? Optional.of(page.get(page.size() - 1).cursor())
        : Optional.empty();
    return new OrderPage(page, next, missing, QueryPath.SCATTER);
  }

  private static Optional<OrderCursor> nextCursor(List<Order> orders, int limit) {
    return orders.size() < limit ? Optional.empty() : Optional.of(orders.get(orders.size() - 1).cursor());
  }

  private void stale(String status, IndexedOrder entry, String owner, String reason) {
    metrics.staleIndexEntry("status");
    repairs.offer(StaleEntry.statusMember(keys.ordersByStatus(status), entry.orderId(), entry.placedAtMillis(), owner, reason));
  }
}
