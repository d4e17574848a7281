package dev.backbone.topology;

import static dev.backbone.topology.TopologyFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.EventEnvelope;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeduplicationTest {

  private static final Duration TTL = Duration.ofHours(1);

  private final TopologyFixture fixture = new TopologyFixture(TopologyConfig.defaults().withDedupTtl(TTL));

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldDropARedeliveredEventSilently() {
    EventEnvelope registered = fixture.registered("c-1", 1, "ada@example.com");

    fixture.send(registered, 0);
    fixture.send(registered, 1_000);
    fixture.send(registered, 2_000);

    assertThat(fixture.customerChanges.readValuesToList()).hasSize(1);
    assertThat(fixture.dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldForgetEventIdsAfterTheTtlButStillGuardTheVersion() {
    EventEnvelope registered = fixture.registered("c-1", 1, "ada@example.com");
    fixture.send(registered, 0);
    long afterTtl = TTL.multipliedBy(3).toMillis();
    fixture.send(fixture.registered("c-2", 1, "bob@example.com"), afterTtl);

    fixture.send(registered, afterTtl);

    assertThat(fixture.customerChanges.readValuesToList()).hasSize(2);
    assertThat(text(fixture.dlq.readRecord(), DeadLetterHeaders.REASON))
        .isEqualTo(FoldRejection.SEQUENCE_BEHIND.name());
  }

  @Test
  void shouldDeduplicateOrderEventsIndependentlyOfCustomerEvents() {
    EventEnvelope placed = fixture.orderPlaced("c-1", "o-1");

    fixture.send(placed);
    fixture.send(placed);

    assertThat(fixture.orderChanges.readValuesToList()).hasSize(1);
  }
}
