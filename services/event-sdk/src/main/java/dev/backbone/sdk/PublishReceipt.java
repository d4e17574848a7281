package dev.backbone.sdk;

import dev.backbone.contracts.EventId;
import java.util.Objects;

/**
 * Proof that an event is acknowledged: either Kafka stored it ({@code acks=all}), or it was written
 * and synced to the local journal and will be re-published in order when Kafka is reachable.
 * Either way the publisher will not lose it.
 */
public sealed interface PublishReceipt {

  /** The id of the acknowledged event. */
  EventId eventId();

  /**
   * Kafka acknowledged the event with {@code acks=all}.
   *
   * @param eventId the event
   * @param topic the topic it was written to
   * @param partition its partition
   * @param offset its offset
   */
  record Kafka(EventId eventId, String topic, int partition, long offset) implements PublishReceipt {
    /** Validates. */
    public Kafka {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(topic, "topic");
    }
  }

  /**
   * The event is durably in the local journal (synced) and queued behind everything buffered
   * before it.
   *
   * @param eventId the event
   * @param bufferPosition its journal sequence number: increases with every buffered event
   */
  record Buffered(EventId eventId, long bufferPosition) implements PublishReceipt {
    /** Validates. */
    public Buffered {
      Objects.requireNonNull(eventId, "eventId");
    }
  }
}
