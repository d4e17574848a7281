package dev.backbone.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sdk.BufferFullException;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class KafkaOutageIT {

  private static final int EVENTS = Integer.getInteger("backbone.it.sdk.outageEvents", 50_000);
  private static final int CUSTOMERS = 200;
  private static final int BUFFER_BOUND = 300;

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

  /**
   * One outage, two publishers (a broker restart costs most of the test's time): one with the
   * default journal takes every event; one whose journal holds at most {@link #BUFFER_BOUND} refuses
   * the rest with {@link BufferFullException}. Kafka ends up with exactly what each acknowledged.
   */
  @Test
  void shouldBufferEveryEventUpToTheBoundWhileKafkaIsDownAndDeliverEachOnceInOrderWhenItReturns() throws Exception {
    // given two publishers that have talked to Kafka, and then every broker stopped
    String topic = stack.createTopic("sdk-outage", 6);
    String boundedTopic = stack.createTopic("sdk-buffer-full", 6);
    Workload workload = new Workload(CUSTOMERS);
    Workload boundedWorkload = new Workload(CUSTOMERS);
    JournalConfig bounded = JournalConfig.defaults(journal.resolve("bounded")).withBounds(64L * 1024 * 1024, BUFFER_BOUND);
    try (EventPublisher publisher = EventPublisher.builder(
            ItConfig.publisher(stack.kafka().bootstrapServers(), topic, journal.resolve("default"))).build();
        EventPublisher boundedPublisher = EventPublisher.builder(
            ItConfig.publisher(stack.kafka().bootstrapServers(), boundedTopic, bounded, Duration.ofSeconds(8))).build()) {
      List<String> ids = new ArrayList<>();
      List<String> boundedIds = new ArrayList<>();
      assertThat(publish(publisher, workload, 0, ids).get(60, TimeUnit.SECONDS)).isInstanceOf(PublishReceipt.Kafka.class);
      assertThat(publish(boundedPublisher, boundedWorkload, 0, boundedIds).get(60, TimeUnit.SECONDS))
          .isInstanceOf(PublishReceipt.Kafka.class);
      stack.kafka().stopAll();

      // when many events are published during the outage, to the bounded publisher more than it holds
      List<CompletableFuture<PublishReceipt>> receipts = new ArrayList<>();
      for (int i = 1; i <= EVENTS; i++) {
        receipts.add(publish(publisher, workload, i, ids));
      }
      List<CompletableFuture<PublishReceipt>> boundedReceipts = new ArrayList<>();
      for (int i = 1; i <= BUFFER_BOUND + 200; i++) {
        boundedReceipts.add(publish(boundedPublisher, boundedWorkload, i, boundedIds));
      }
      CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
      CompletableFuture.allOf(boundedReceipts.stream().map(r -> r.handle((ok, error) -> null)).toArray(CompletableFuture[]::new))
          .get(2, TimeUnit.MINUTES);

      // then each is acknowledged as buffered (synced to the journal), none failed ...
      assertThat(receipts).allSatisfy(receipt -> assertThat(receipt.join()).isInstanceOf(PublishReceipt.Buffered.class));
      assertThat(publisher.bufferedEvents()).isEqualTo(EVENTS);
      // ... and beyond the bound each is buffered or refused with a BufferFullException naming it — nothing else
      List<String> acknowledged = new ArrayList<>(List.of(boundedIds.get(0)));
      int refused = 0;
      for (int i = 0; i < boundedReceipts.size(); i++) {
        try {
          assertThat(boundedReceipts.get(i).join()).isInstanceOf(PublishReceipt.Buffered.class);
          acknowledged.add(boundedIds.get(i + 1));
        } catch (CompletionException e) {
          assertThat(e.getCause()).isInstanceOf(BufferFullException.class)
              .hasMessageContaining("backbone.sdk.journal.max-entries=" + BUFFER_BOUND);
          refused++;
        }
      }
      assertThat(acknowledged).hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(BUFFER_BOUND + 1);
      assertThat(refused).isGreaterThanOrEqualTo(200);
      assertThat(boundedPublisher.bufferedEvents()).isEqualTo(acknowledged.size() - 1);

      // when Kafka returns, both buffers drain ...
      stack.heal();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (publisher.bufferedEvents() + boundedPublisher.bufferedEvents() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(publisher.bufferedEvents()).isZero();
      assertThat(boundedPublisher.bufferedEvents()).isZero();

      // ... and Kafka holds every acknowledged event once, in order per key, and no refused one
      assertDeliveredOnceInOrder(topic, ids);
      assertDeliveredOnceInOrder(boundedTopic, acknowledged);
    }
  }

  private void assertDeliveredOnceInOrder(String topic, List<String> acknowledged) {
    List<ConsumedEvent> log = TopicReader.readAll(stack.kafka().bootstrapServers(), topic, acknowledged.size(), Duration.ofMinutes(3));
    assertThat(log.stream().map(ConsumedEvent::eventId).distinct()).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(TopicReader.duplicates(log)).isEmpty();
    assertThat(TopicReader.orderViolations(log)).isEmpty();
  }

  private static CompletableFuture<PublishReceipt> publish(EventPublisher publisher, Workload workload, int index, List<String> ids) {
    var event = workload.event(publisher, index);
    ids.add(event.id().toString());
    return publisher.publish(event).toCompletableFuture();
  }
}
