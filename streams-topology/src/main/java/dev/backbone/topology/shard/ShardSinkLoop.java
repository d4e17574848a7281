package dev.backbone.topology.shard;

import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.OutputTopic;
import dev.backbone.topology.PaymentState;
import dev.backbone.topology.tracing.SinkSpans;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One step of the shard sink: poll the change topics, hand the changes to {@link ShardSink}, flush,
 * then commit only offsets whose changes are durable. While too many changes wait for stalled
 * shards, the consumer is paused (it keeps polling, so it stays in the group, and keeps retrying).
 *
 * <p>The consumer must use {@code enable.auto.commit=false} and {@code isolation.level=read_committed}
 * (the topology writes the change topics transactionally). Not thread-safe: run it on one thread.
 *
 * <p>Each consumed change gets a {@code shard-sink <kind>} span ({@link SinkSpans}), a child of the
 * fold span whose context its record carries; {@link ShardSink} ends it.
 */
public final class ShardSinkLoop {

  private static final List<String> TOPICS = List.of(OutputTopic.CUSTOMER_CHANGES.topicName(),
      OutputTopic.ORDER_CHANGES.topicName(), OutputTopic.PAYMENT_CHANGES.topicName());

  private final Consumer<String, byte[]> consumer;
  private final ShardSink sink;
  private final ShardSinkConfig config;
  private final SinkSpans spans;
  private final Deserializer<EntityChange<CustomerState>> customers = ChangeSerdes.customerChanges().deserializer();
  private final Deserializer<EntityChange<OrderState>> orders = ChangeSerdes.orderChanges().deserializer();
  private final Deserializer<EntityChange<PaymentState>> payments = ChangeSerdes.paymentChanges().deserializer();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private volatile Status status = new Status(0, 0);

  /**
   * What the loop is doing, for health and metrics.
   *
   * @param pending changes waiting for their shard
   * @param lag records behind the end of the assigned partitions
   */
  public record Status(int pending, long lag) {
  }

  /**
   * Wires the loop; call {@link #subscribe()} once, then {@link #pollOnce()} repeatedly.
   *
   * @param openTelemetry where the changes' spans go; {@link OpenTelemetry#noop()} for none
   */
  public ShardSinkLoop(Consumer<String, byte[]> consumer, ShardSink sink, ShardSinkConfig config,
      OpenTelemetry openTelemetry) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.config = Objects.requireNonNull(config, "config");
    this.spans = new SinkSpans(openTelemetry, "shard");
  }

  /** Subscribes to the change topics; revoked partitions' pending changes are forgotten. */
  public void subscribe() {
    consumer.subscribe(TOPICS, new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        commitDurable();
        forget(partitions);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
      }
    });
  }

  /** Polls once, writes what it can, commits what is durable, pauses or resumes. */
  public void pollOnce() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(config.pollTimeout())) {
      sink.offer(toPending(record));
    }
    sink.flush(config.pollTimeout()); // bounded: a hung shard must not stop the loop, or the others' commits
    commitDurable();
    if (sink.pendingCount() >= config.maxPending()) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
    long lag = 0;
    for (TopicPartition partition : consumer.assignment()) {
      lag += consumer.currentLag(partition).orElse(0);
    }
    status = new Status(sink.pendingCount(), lag);
  }

  /** The loop's state after the last {@link #pollOnce()}; safe to read from any thread. */
  public Status status() {
    return status;
  }

  private PendingChange toPending(ConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (record.topic().equals(OutputTopic.CUSTOMER_CHANGES.topicName())) {
      EntityChange<CustomerState> change = customers.deserialize(record.topic(), record.value());
      return PendingChange.customer(partition, record.offset(), record.key(), change, spans.start(record, change));
    }
    if (record.topic().equals(OutputTopic.PAYMENT_CHANGES.topicName())) {
      EntityChange<PaymentState> change = payments.deserialize(record.topic(), record.value());
      return PendingChange.payment(partition, record.offset(), record.key(), change, spans.start(record, change));
    }
    EntityChange<OrderState> change = orders.deserialize(record.topic(), record.value());
    return PendingChange.order(partition, record.offset(), record.key(), change, spans.start(record, change));
  }

  private void commitDurable() {
    Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    sink.committableOffsets().forEach((partition, offset) -> {
      if (!offset.equals(committed.get(partition))) {
        toCommit.put(partition, new OffsetAndMetadata(offset));
      }
    });
    if (!toCommit.isEmpty()) {
      consumer.commitSync(toCommit);
      toCommit.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }
  }

  private void forget(Collection<TopicPartition> partitions) {
    sink.forget(partitions);
    partitions.forEach(committed::remove);
  }
}
