package dev.backbone.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class LeaderKillIT {

  private static final int EVENTS = Integer.getInteger("backbone.it.sdk.leaderKillEvents", 30_000);

  private final TestStack stack;

  @TempDir
  Path journal;

  LeaderKillIT(TestStack stack) {
    this.stack = stack;
  }

  @AfterEach
  void heal() {
    stack.heal();
  }

  @Test
  void shouldDeliverEveryAcknowledgedEventOnceAndInOrderWhenThePartitionLeaderIsKilled() throws Exception {
    // given a stream of events to a 3-partition topic
    String topic = stack.createTopic("sdk-leader-kill", 3);
    Workload workload = new Workload(100);
    Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    Semaphore window = new Semaphore(2_000);
    try (EventPublisher publisher = EventPublisher.builder(
        ItConfig.publisher(stack.kafka().bootstrapServers(), topic, journal, Duration.ofSeconds(45))).build()) {
      for (int i = 0; i < EVENTS; i++) {
        // when the leader of partition 0 is killed with SIGKILL a third of the way through
        if (i == EVENTS / 3) {
          stack.kafka().kill(stack.kafka().leaderOf(topic, 0).orElseThrow());
        }
        window.acquire();
        var event = workload.event(publisher, i);
        publisher.publish(event).whenComplete((receipt, error) -> {
          if (receipt instanceof PublishReceipt) {
            acknowledged.add(receipt.eventId().toString());
          } else {
            failures.incrementAndGet();
          }
          window.release();
        });
      }
      window.acquire(2_000);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (publisher.bufferedEvents() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(publisher.bufferedEvents()).isZero();
    }

    // then every event was acknowledged, and every acknowledged event is in Kafka once, in order per key
    assertThat(failures).hasValue(0);
    assertThat(acknowledged).hasSize(EVENTS);
    List<ConsumedEvent> log = TopicReader.readAll(stack.kafka().bootstrapServers(), topic, EVENTS, Duration.ofMinutes(3));
    assertThat(log.stream().map(ConsumedEvent::eventId).distinct()).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(TopicReader.duplicates(log)).isEmpty();
    assertThat(TopicReader.orderViolations(log)).isEmpty();
  }
}
