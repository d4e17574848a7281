package dev.backbone.query;

import dev.backbone.sharding.ShardId;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, newest first.
 *
 * @param orders the rows, sorted by placed time then order id, both descending
 * @param nextCursor pass as {@code before} to get the next page; empty at the end
 * @param missingShards shards that could not be read: when not empty the page is partial
 * @param path how the page was produced
 */
public record OrderPage(List<Order> orders, Optional<OrderCursor> nextCursor, List<ShardId> missingShards,
    QueryPath path) {

  public OrderPage {
    orders = List.copyOf(orders);
    missingShards = List.copyOf(missingShards);
  }

  /** True when some shard did not answer, so rows may be missing. */
  public boolean partial() {
    return !missingShards.isEmpty();
  }
}
