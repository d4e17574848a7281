package dev.backbone.query.lookup;

import dev.backbone.query.Answer;
import dev.backbone.query.Customer;
import dev.backbone.query.QueryPath;
import dev.backbone.query.ShardUnavailableException;
import dev.backbone.query.index.IndexGateway;
import dev.backbone.index.IndexKeys;
import dev.backbone.query.index.IndexUnavailableException;
import dev.backbone.query.index.RepairQueue;
import dev.backbone.query.index.StaleEntry;
import dev.backbone.query.shard.ShardGateway;
import dev.backbone.sharding.ShardId;
import java.util.Optional;

/**
 * Customer look-ups. By id: straight to the owning shard. By e-mail: the index names the customer, the
 * owning shard's row confirms it; a stale entry is counted, queued for repair and answered by
 * scatter-gather instead, so a wrong customer is never returned. Redis down or slow: scatter-gather.
 */
public final class CustomerLookup {

  private final IndexGateway index;
  private final IndexKeys keys;
  private final ShardGateway shards;
  private final RepairQueue repairs;
  private final QueryMetrics metrics;

  public CustomerLookup(IndexGateway index, IndexKeys keys, ShardGateway shards, RepairQueue repairs,
      QueryMetrics metrics) {
    this.index = index;
    this.keys = keys;
    this.shards = shards;
    this.repairs = repairs;
    this.metrics = metrics;
  }

  /**
   * @throws ShardUnavailableException when the owning shard does not answer
   */
  public Answer<Customer> byId(String customerId) {
    ShardId shard = shards.owner(customerId);
    return new Answer<>(shards.ask(shard, reader -> reader.customer(customerId)), QueryPath.SHARD);
  }

  /**
   * @param lowerCaseEmail a validated, lower-cased e-mail
   * @throws ShardUnavailableException when a shard that may hold the answer does not answer
   */
  public Answer<Customer> byEmail(String lowerCaseEmail) {
    Optional<String> owner;
    try {
      owner = index.customerIdByEmail(lowerCaseEmail);
    } catch (IndexUnavailableException e) {
      metrics.fallback("index_unavailable");
      return scatter(lowerCaseEmail);
    }
    if (owner.isEmpty()) {
      return Answer.notFound(QueryPath.INDEX);
    }
    Optional<Customer> row = shards.ask(shards.owner(owner.get()), reader -> reader.customer(owner.get()));
    Optional<String> stale = IndexVerification.emailEntry(lowerCaseEmail, row);
    if (stale.isEmpty()) {
      return Answer.found(row.get(), QueryPath.INDEX);
    }
    metrics.staleIndexEntry("email");
    repairs.offer(StaleEntry.string(keys.email(lowerCaseEmail), owner.get(), stale.get()));
    metrics.fallback("stale_index_entry");
    return scatter(lowerCaseEmail);
  }

  private Answer<Customer> scatter(String lowerCaseEmail) {
    return ScatterAnswers.firstFound(shards.scatter(reader -> reader.customerByEmail(lowerCaseEmail)));
  }
}
