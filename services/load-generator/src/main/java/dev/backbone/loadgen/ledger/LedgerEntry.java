package dev.backbone.loadgen.ledger;

import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import java.util.Objects;

/**
 * One acknowledged event, as recorded in the ledger.
 *
 * @param eventId the CloudEvents id
 * @param type the event type
 * @param customerId the customer: subject and Kafka key
 * @param entityId the entity {@code sequence} belongs to: the customer, order or payment id
 * @param sequence the entity's version after the event, >= 1
 * @param topic the topic the event was (or, when buffered, will be) written to
 * @param placement where the acknowledgement put it: a Kafka offset or the SDK journal
 * @param email the new e-mail of a registration or e-mail change, else {@code null}
 */
public record LedgerEntry(EventId eventId, EventType type, String customerId, String entityId, long sequence, String topic,
        Placement placement, String email) {

    /** Validates; no text field may contain a tab or line break (the ledger's separators). */
    public LedgerEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(placement, "placement");
        plain("customerId", customerId);
        plain("entityId", entityId);
        plain("topic", topic);
        if (email != null) {
            plain("email", email);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1 but was " + sequence);
        }
    }

    private static void plain(String name, String value) {
        if (value == null || value.isEmpty() || value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(name + " must be non-empty without tabs or line breaks but was '" + value + "'");
        }
    }

    /** Where an acknowledged event is. */
    public sealed interface Placement {
    }

    /** Kafka acknowledged the event ({@code acks=all}) at this partition and offset. */
    public record InKafka(int partition, long offset) implements Placement {
    }

    /** The SDK synced the event to its local journal at this position; it is re-published later. */
    public record Buffered(long position) implements Placement {
    }
}
