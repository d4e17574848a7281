package dev.backbone.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The publisher's producer factory for unit tests: a new {@link MockProducer} per call (the
 * publisher replaces a producer it retired), each closing like Kafka's own on a forced close —
 * every send still pending fails — and one log, across them all, of what "Kafka" acknowledged.
 * {@code flush} does not complete sends: only the test does.
 */
final class FakeKafka implements Function<Map<String, Object>, Producer<byte[], byte[]>> {

  private final boolean acknowledgeAtOnce;
  private final List<FakeProducer> producers = new CopyOnWriteArrayList<>();
  private final List<ProducerRecord<byte[], byte[]>> acknowledged = new CopyOnWriteArrayList<>();

  private FakeKafka(boolean acknowledgeAtOnce) {
    this.acknowledgeAtOnce = acknowledgeAtOnce;
  }

  /** Every send is acknowledged at once. */
  static FakeKafka acknowledging() {
    return new FakeKafka(true);
  }

  /** Sends wait until the test completes or fails them. */
  static FakeKafka manual() {
    return new FakeKafka(false);
  }

  @Override
  public Producer<byte[], byte[]> apply(Map<String, Object> settings) {
    FakeProducer producer = new FakeProducer();
    producers.add(producer);
    return producer;
  }

  /** The producer the publisher created last. */
  FakeProducer current() {
    return producers.get(producers.size() - 1);
  }

  /** How many producers the publisher created. */
  int producersCreated() {
    return producers.size();
  }

  /** Acknowledges the oldest pending send of the current producer. */
  boolean completeNext() {
    return current().completeNext();
  }

  /** Fails the oldest pending send of the current producer. */
  boolean errorNext(RuntimeException error) {
    return current().errorNext(error);
  }

  /** Makes the current producer's next sends throw {@code error} at once ({@code null}: stop). */
  void failSendsAtOnce(RuntimeException error) {
    current().sendException = error;
  }

  /** Every record sent, to every producer, in order. */
  List<ProducerRecord<byte[], byte[]>> history() {
    return producers.stream().flatMap(producer -> producer.history().stream()).toList();
  }

  /** The records Kafka acknowledged, in the order it did. */
  List<ProducerRecord<byte[], byte[]>> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /** A mock producer whose forced close fails the sends still pending, as Kafka's does. */
  final class FakeProducer extends MockProducer<byte[], byte[]> {

    private FakeProducer() {
      super(acknowledgeAtOnce, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
      return super.send(record, (metadata, error) -> {
        if (error == null) {
          acknowledged.add(record);
        }
        if (callback != null) {
          callback.onCompletion(metadata, error);
        }
      });
    }

    /**
     * Sends the batch now — which for a fake means nothing: its sends complete only when the test
     * says so. (MockProducer's own flush would acknowledge every pending send at once, taking that
     * control away from the test.)
     */
    @Override
    public void flush() {
    }

    @Override
    public void close(Duration timeout) {
      while (errorNext(new KafkaException("Producer is closed forcefully."))) {
        Thread.onSpinWait();
      }
      super.close(timeout);
    }
  }
}
