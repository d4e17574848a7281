package dev.backbone.topology.shard;

import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumed change not yet durable in its shard.
 *
 * @param partition the change-topic partition it was read from
 * @param offset its offset there
 * @param customerId the sharding key
 * @param addTo adds the change to a shard batch
 */
public record PendingChange(TopicPartition partition, long offset, String customerId, Consumer<ShardBatch> addTo) {

  /** Checks presence. */
  public PendingChange {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(addTo, "addTo");
  }

  /** A pending customer change. */
  public static PendingChange customer(TopicPartition partition, long offset, String customerId,
      EntityChange<CustomerState> change) {
    return new PendingChange(partition, offset, customerId, batch -> batch.addCustomer(change));
  }

  /** A pending order change. */
  public static PendingChange order(TopicPartition partition, long offset, String customerId,
      EntityChange<OrderState> change) {
    return new PendingChange(partition, offset, customerId, batch -> batch.addOrder(change));
  }
}
