package dev.backbone.query.lookup;

import dev.backbone.query.Answer;
import dev.backbone.query.Order;
import dev.backbone.query.QueryPath;
import dev.backbone.query.ShardUnavailableException;
import dev.backbone.query.index.IndexGateway;
import dev.backbone.index.IndexKeys;
import dev.backbone.query.index.IndexUnavailableException;
import dev.backbone.query.index.RepairQueue;
import dev.backbone.query.index.StaleEntry;
import dev.backbone.query.shard.ShardGateway;
import java.util.Optional;

/**
 * Order look-up by id: the index names the owner, the owner's shard holds the row. A stale entry is
 * counted, queued and answered by scatter-gather; Redis down or slow: scatter-gather.
 */
public final class OrderLookup {

  private final IndexGateway index;
  private final IndexKeys keys;
  private final ShardGateway shards;
  private final RepairQueue repairs;
  private final QueryMetrics metrics;

  public OrderLookup(IndexGateway index, IndexKeys keys, ShardGateway shards, RepairQueue repairs,
      QueryMetrics metrics) {
    this.index = index;
    this.keys = keys;
    this.shards = shards;
    this.repairs = repairs;
    this.metrics = metrics;
  }

  /**
   * @throws ShardUnavailableException when a shard that may hold the answer does not answer
   */
  public Answer<Order> byId(String orderId) {
    Optional<String> owner;
    try {
      owner = index.customerIdByOrder(orderId);
    } catch (IndexUnavailableException e) {
      metrics.fallback("index_unavailable");
      return scatter(orderId);
    }
    if (owner.isEmpty()) {
      return Answer.notFound(QueryPath.INDEX);
    }
    Optional<Order> row = shards.ask(shards.owner(owner.get()), reader -> reader.order(owner.get(), orderId));
    Optional<String> stale = IndexVerification.orderEntry(row);
    if (stale.isEmpty()) {
      return Answer.found(row.get(), QueryPath.INDEX);
    }
    metrics.staleIndexEntry("order");
    repairs.offer(StaleEntry.string(keys.order(orderId), owner.get(), stale.get()));
    metrics.fallback("stale_index_entry");
    return scatter(orderId);
  }

  private Answer<Order> scatter(String orderId) {
    return ScatterAnswers.firstFound(shards.scatter(reader -> reader.orderById(orderId)));
  }
}
