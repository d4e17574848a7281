package dev.backbone.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.EventRejectedException;
import dev.backbone.sdk.PublishReceipt;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class RejectionIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final TestStack stack;

  @TempDir
  Path journal;

  RejectionIT(TestStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldRejectInvalidAndOversizedEventsAtOnceWithoutAffectingTheOthers() throws Exception {
    // given a topic whose brokers refuse records over 2000 bytes
    String topic = stack.createTopic("sdk-reject", 1);
    stack.alterTopicConfig(topic, "max.message.bytes", "2000");
    Workload workload = new Workload(10);
    try (EventPublisher publisher = EventPublisher.builder(
        ItConfig.publisher(stack.kafka().bootstrapServers(), topic, journal)).build()) {
      EventEnvelope first = workload.event(publisher, 0);
      EventEnvelope last = workload.event(publisher, 1);
      ObjectNode invalidData = workload.event(publisher, 10).data().put("currency", "euro");
      EventEnvelope invalid = publisher.newEvent(first.type(), first.subject(), first.sequence(), invalidData);
      ObjectNode bigData = workload.event(publisher, 20).data();
      ArrayNode items = bigData.putArray("items");
      for (int i = 0; i < 100; i++) {
        items.addObject().put("sku", UUID.randomUUID().toString()).put("quantity", 1).put("unitPriceMinor", 1);
      }
      EventEnvelope oversized = publisher.newEvent(first.type(), first.subject(), first.sequence(), bigData);

      // when valid, schema-invalid, broker-rejected and valid events are published in a row
      PublishReceipt firstReceipt = publisher.publishAndWait(first, WAIT);

      // then the invalid ones fail at once with a precise reason and the valid ones reach Kafka
      assertThatThrownBy(() -> publisher.publishAndWait(invalid, WAIT))
          .isInstanceOfSatisfying(EventRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(EventRejectedException.Reason.SCHEMA_VIOLATION);
            assertThat(e.violations()).singleElement().hasToString(
                "field=/currency rule=pattern value=\"euro\" (" + e.violations().get(0).message() + ")");
          });
      assertThatThrownBy(() -> publisher.publishAndWait(oversized, WAIT))
          .isInstanceOfSatisfying(EventRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(EventRejectedException.Reason.TOO_LARGE));
      PublishReceipt lastReceipt = publisher.publishAndWait(last, WAIT);

      assertThat(firstReceipt).isInstanceOf(PublishReceipt.Kafka.class);
      assertThat(lastReceipt).isInstanceOf(PublishReceipt.Kafka.class);
      assertThat(publisher.bufferedEvents()).isZero();
    }
    List<ConsumedEvent> log = TopicReader.readAll(stack.kafka().bootstrapServers(), topic, 2, WAIT);
    assertThat(log).hasSize(2);
  }
}
