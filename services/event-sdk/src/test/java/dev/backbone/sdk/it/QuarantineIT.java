package dev.backbone.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A buffered event that the topic refuses (larger than its {@code max.message.bytes}) must not
 * stall the events journaled behind it, and must not be lost: it is set aside on disk and can be
 * put back once the topic takes it.
 */
@ExtendWith(LocalStackExtension.class)
class QuarantineIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Nothing listens here: the first publisher journals everything. */
  private static final String UNREACHABLE = "127.0.0.1:9";

  private final TestStack stack;

  @TempDir
  Path journal;

  QuarantineIT(TestStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldSetARejectedBufferedEventAsideDrainTheRestAndRepublishItOnRequest() throws Exception {
    // given a topic that refuses records over 2000 bytes
    String topic = stack.createTopic("sdk-quarantine", 1);
    stack.alterTopicConfig(topic, "max.message.bytes", "2000");
    // and a journal holding six small events with an oversized one in their middle
    Workload workload = new Workload(3);
    List<String> smallIds = new ArrayList<>();
    String oversizedId;
    try (EventPublisher offline = EventPublisher.builder(ItConfig.publisher(UNREACHABLE, topic, journal)).build()) {
      for (int i = 0; i < 3; i++) {
        smallIds.add(buffer(offline, workload.event(offline, i)));
      }
      oversizedId = buffer(offline, oversized(offline, workload.event(offline, 3)));
      for (int i = 4; i < 7; i++) {
        smallIds.add(buffer(offline, workload.event(offline, i)));
      }
    }

    // when a publisher on the same journal reaches Kafka
    // (a short delivery timeout: a batch holding the oversized event fails by timing out, see Drainer)
    try (EventPublisher publisher = EventPublisher.builder(
        ItConfig.publisher(stack.kafka().bootstrapServers(), topic, journal, Duration.ofSeconds(4))).build()) {
      // then the six small events drain, and the oversized one waits in the quarantine
      awaitUntil("the journal drained around one quarantined event",
          () -> publisher.bufferedEvents() == 0 && publisher.quarantinedEvents() == 1);
      List<ConsumedEvent> drained = TopicReader.readAll(stack.kafka().bootstrapServers(), topic, 6, WAIT);
      assertThat(drained).extracting(ConsumedEvent::eventId).containsExactlyElementsOf(smallIds);
      assertThat(reasonFiles()).singleElement().satisfies(reason -> assertThat(Files.readString(reason))
          .contains("event-id: " + oversizedId).contains("topic: " + topic).contains("RecordTooLargeException"));

      // when the topic takes larger records and the operator puts the quarantined event back
      stack.alterTopicConfig(topic, "max.message.bytes", "1048588");
      assertThat(publisher.requeueQuarantined()).isEqualTo(1);

      // then it is published, once, and the quarantine is empty
      awaitUntil("the requeued event drained", () -> publisher.bufferedEvents() == 0);
      List<ConsumedEvent> all = TopicReader.readAll(stack.kafka().bootstrapServers(), topic, 7, WAIT);
      assertThat(all).extracting(ConsumedEvent::eventId).hasSize(7).endsWith(oversizedId);
      assertThat(publisher.quarantinedEvents()).isZero();
      assertThat(reasonFiles()).isEmpty();
    }
  }

  private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(condition.getAsBoolean()).as(what + " within " + WAIT.toSeconds() + " s").isTrue();
  }

  private static String buffer(EventPublisher publisher, EventEnvelope event) throws Exception {
    PublishReceipt receipt = publisher.publishAndWait(event, WAIT);
    assertThat(receipt).as("acknowledged by the journal while Kafka is unreachable").isInstanceOf(PublishReceipt.Buffered.class);
    return event.id().toString();
  }

  /** The same event with a hundred line items: about 6 KB, well within the SDK's own limit. */
  private static EventEnvelope oversized(EventPublisher publisher, EventEnvelope event) {
    ObjectNode data = event.data().deepCopy();
    ArrayNode items = data.putArray("items");
    for (int i = 0; i < 100; i++) {
      items.addObject().put("sku", UUID.randomUUID().toString()).put("quantity", 1).put("unitPriceMinor", 10);
    }
    data.put("totalMinor", 1000);
    return publisher.newEvent(event.type(), event.subject(), event.sequence(), data);
  }

  private List<Path> reasonFiles() throws Exception {
    Path folder = journal.resolve("quarantine");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".reason")).toList();
    }
  }
}
