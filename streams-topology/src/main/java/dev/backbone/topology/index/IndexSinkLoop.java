package dev.backbone.topology.index;

import dev.backbone.topology.ChangeSerdes;
import dev.backbone.topology.CustomerState;
import dev.backbone.topology.EntityChange;
import dev.backbone.topology.OrderState;
import dev.backbone.topology.OutputTopic;
import dev.backbone.topology.SinkBatches;
import dev.backbone.topology.tracing.SinkSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the index sink: poll the change topics, turn the changes into {@link IndexOp}s, apply
 * everything polled as one pipeline, and commit the offsets only after the pipeline returned. While
 * Redis fails, the polled changes stay pending, all partitions are paused (the consumer keeps
 * polling, so it stays in the group) and the same ops are retried with exponential backoff, so
 * nothing is skipped; ops are idempotent, so a retry of a partly applied pipeline is harmless.
 *
 * <p>The consumer must use {@code enable.auto.commit=false} and {@code isolation.level=read_committed}
 * and its own group (not the shard sink's). Not thread-safe: run it on one thread; {@link #status()}
 * may be read from any thread.
 *
 * <p>Each polled change gets an {@code index-sink <kind>} span ({@link SinkSpans}), a child of the fold
 * span whose context its record carries. It ends when the pipeline holding the change was
 * acknowledged, stays open across failed pipelines (an event per failure), and ends with status ERROR
 * when the change is forgotten because its partition was revoked or lost.
 */
public final class IndexSinkLoop {

  private static final Logger LOG = LoggerFactory.getLogger(IndexSinkLoop.class);
  /**
   * Not {@link OutputTopic#PAYMENT_CHANGES}, deliberately: the index has entries for e-mails, order ids and
   * orders by status only, none of them a payment's, so payment changes are the shard sink's alone.
   */
  private static final List<String> TOPICS =
      List.of(OutputTopic.CUSTOMER_CHANGES.topicName(), OutputTopic.ORDER_CHANGES.topicName());

  private final Consumer<String, byte[]> consumer;
  private final IndexWriter writer;
  private final IndexUpdates updates;
  private final IndexSinkConfig config;
  private final Clock clock;
  private final SinkSpans spans;
  private final Deserializer<EntityChange<CustomerState>> customers =
      ChangeSerdes.customerChanges().deserializer();
  private final Deserializer<EntityChange<OrderState>> orders =
      ChangeSerdes.orderChanges().deserializer();
  private final List<Polled> pending = new ArrayList<>();
  private Duration backoff;
  private Instant retryAt = Instant.MIN;
  private long failures;
  private volatile Status status = new Status(0, 0, false, 0);
  private final SinkBatches batches = new SinkBatches();

  /**
   * What the loop is doing, for health and metrics.
   *
   * @param pending changes polled but not yet in Redis
   * @param lag records behind the end of the assigned partitions
   * @param stalled {@code true} while Redis fails and the partitions are paused
   * @param failures failed pipelines since start
   */
  public record Status(int pending, long lag, boolean stalled, long failures) {
  }

  private record Polled(TopicPartition partition, long offset, List<IndexOp> ops, Span span) {
  }

  /**
   * Wires the loop; call {@link #subscribe()} once, then {@link #pollOnce()} repeatedly.
   *
   * @param openTelemetry where the changes' spans go; {@link OpenTelemetry#noop()} for none
   */
  public IndexSinkLoop(Consumer<String, byte[]> consumer, IndexWriter writer, IndexUpdates updates,
      IndexSinkConfig config, Clock clock, OpenTelemetry openTelemetry) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.updates = Objects.requireNonNull(updates, "updates");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backoff = config.minBackoff();
    this.spans = new SinkSpans(openTelemetry, "index");
  }

  /** Subscribes to the change topics; revoked partitions' pending changes are forgotten. */
  public void subscribe() {
    consumer.subscribe(TOPICS, new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
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

  /**
   * Polls once and, unless backing off, applies everything pending and commits it.
   *
   * @throws InterruptedException when interrupted while waiting for Redis
   */
  public void pollOnce() throws InterruptedException {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(config.pollTimeout())) {
      pending.add(toPolled(record));
    }
    if (!retryAt.equals(Instant.MIN)) {
      consumer.pause(consumer.assignment()); // also partitions assigned while stalled
    }
    if (!pending.isEmpty() && !clock.instant().isBefore(retryAt)) {
      applyPending();
    }
    status = new Status(pending.size(), lag(), !retryAt.equals(Instant.MIN), failures);
  }

  /** The durable index writes so far, for metrics; safe to read from any thread. */
  public SinkBatches batches() {
    return batches;
  }

  /** The loop's state; safe to read from any thread. */
  public Status status() {
    return status;
  }

  private void applyPending() throws InterruptedException {
    List<IndexOp> ops = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Polled polled : pending) {
      ops.addAll(polled.ops());
      offsets.merge(polled.partition(), new OffsetAndMetadata(polled.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    long started = System.nanoTime();
    try {
      writer.apply(ops);
    } catch (IndexWriteException e) {
      LOG.warn("index-sink: Redis failed ({} changes pending), retrying in {}: {}", pending.size(), backoff,
          e.getMessage());
      retryAt = clock.instant().plus(backoff);
      backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff.multipliedBy(2);
      consumer.pause(consumer.assignment());
      failures++;
      pending.forEach(polled -> SinkSpans.writeFailed(polled.span(), e));
      return;
    }
    batches.record(pending.size(), System.nanoTime() - started);
    pending.forEach(polled -> SinkSpans.durable(polled.span()));
    pending.clear();
    consumer.commitSync(offsets);
    if (!retryAt.equals(Instant.MIN)) {
      LOG.info("index-sink: Redis is back, resuming");
    }
    retryAt = Instant.MIN;
    backoff = config.minBackoff();
    if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  private Polled toPolled(ConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (record.topic().equals(OutputTopic.CUSTOMER_CHANGES.topicName())) {
      EntityChange<CustomerState> change = customers.deserialize(record.topic(), record.value());
      return new Polled(partition, record.offset(), updates.customer(change), spans.start(record, change));
    }
    EntityChange<OrderState> change = orders.deserialize(record.topic(), record.value());
    return new Polled(partition, record.offset(), updates.order(change), spans.start(record, change));
  }

  private long lag() {
    long lag = 0;
    for (TopicPartition partition : consumer.assignment()) {
      lag += consumer.currentLag(partition).orElse(0);
    }
    return lag;
  }

  private void forget(Collection<TopicPartition> partitions) {
    pending.removeIf(polled -> {
      if (!partitions.contains(polled.partition())) {
        return false;
      }
      SinkSpans.revoked(polled.span());
      return true;
    });
  }
}
