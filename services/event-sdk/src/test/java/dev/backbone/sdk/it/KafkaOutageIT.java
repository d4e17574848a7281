package dev.backbone.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class KafkaOutageIT {

  private static final int EVENTS = Integer.getInteger("backbone.it.sdk.outageEvents", 50_000);
  private static final int CUSTOMERS = 200;

  private final TestStack stack;

  @TempDir
  Path journal;

  KafkaOutageIT(TestStack stack) {
    this.stack = stack;
  }

  @AfterEach
  void heal() {
    stack.heal();
  }

  @Test
  void shouldBufferEveryEventWhileKafkaIsDownAndDeliverEachOnceInOrderWhenItReturns() throws Exception {
    // given a publisher that has talked to Kafka, and then every broker stopped
    String topic = stack.createTopic("sdk-outage", 6);
    Workload workload = new Workload(CUSTOMERS);
    try (EventPublisher publisher = EventPublisher.builder(
        ItConfig.publisher(stack.kafka().bootstrapServers(), topic, journal)).build()) {
      List<String> ids = new ArrayList<>();
      List<CompletableFuture<PublishReceipt>> receipts = new ArrayList<>();
      receipts.add(publish(publisher, workload, 0, ids));
      assertThat(receipts.get(0).get(60, TimeUnit.SECONDS)).isInstanceOf(PublishReceipt.Kafka.class);
      stack.kafka().stopAll();

      // when many events are published during the outage
      for (int i = 1; i <= EVENTS; i++) {
        receipts.add(publish(publisher, workload, i, ids));
      }
      CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

      // then each is acknowledged as buffered (synced to the journal), none failed
      assertThat(receipts.subList(1, receipts.size())).allSatisfy(
          receipt -> assertThat(receipt.join()).isInstanceOf(PublishReceipt.Buffered.class));
      assertThat(publisher.bufferedEvents()).isEqualTo(EVENTS);

      // when Kafka returns
      stack.heal();

      // then the buffer drains ...
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (publisher.bufferedEvents() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(publisher.bufferedEvents()).isZero();

      // ... and every acknowledged event is in Kafka once, in order per key
      List<ConsumedEvent> log = TopicReader.readAll(stack.kafka().bootstrapServers(), topic, ids.size(), Duration.ofMinutes(3));
      assertThat(log.stream().map(ConsumedEvent::eventId).distinct()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(TopicReader.duplicates(log)).isEmpty();
      assertThat(TopicReader.orderViolations(log)).isEmpty();
    }
  }

  private static CompletableFuture<PublishReceipt> publish(EventPublisher publisher, Workload workload, int index, List<String> ids) {
    var event = workload.event(publisher, index);
    ids.add(event.id().toString());
    return publisher.publish(event).toCompletableFuture();
  }
}
