package dev.backbone.topology.shard;

import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.PaymentState;
import io.opentelemetry.api.trace.Span;
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
 * @param span the change's sink span ({@code SinkSpans}), which {@link ShardSink} ends once the change is
 *     durable; {@link Span#getInvalid()} when untraced
 */
public record PendingChange(TopicPartition partition, long offset, String customerId, Consumer<ShardBatch> addTo,
    Span span) {

  /** Checks presence. */
  public PendingChange {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(addTo, "addTo");
    Objects.requireNonNull(span, "span");
  }

  /** A pending customer change, untraced. */
  public static PendingChange customer(TopicPartition partition, long offset, String customerId,
      EntityChange<CustomerState> change) {
    return customer(partition, offset, customerId, change, Span.getInvalid());
  }

  /** A pending customer change with its sink span. */
  public static PendingChange customer(TopicPartition partition, long offset, String customerId,
      EntityChange<CustomerState> change, Span span) {
    return new PendingChange(partition, offset, customerId, batch -> batch.addCustomer(change), span);
  }

  /** A pending order change, untraced. */
  public static PendingChange order(TopicPartition partition, long offset, String customerId,
      EntityChange<OrderState> change) {
    return order(partition, offset, customerId, change, Span.getInvalid());
  }

  /** A pending order change with its sink span. */
  public static PendingChange order(TopicPartition partition, long offset, String customerId,
      EntityChange<OrderState> change, Span span) {
    return new PendingChange(partition, offset, customerId, batch -> batch.addOrder(change), span);
  }

  /** A pending payment change with its sink span. */
  public static PendingChange payment(TopicPartition partition, long offset, String customerId,
      EntityChange<PaymentState> change, Span span) {
    return new PendingChange(partition, offset, customerId, batch -> batch.addPayment(change), span);
  }
}
