package dev.backbone.loadgen.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;

/**
 * One event the workload wants published next.
 *
 * @param type the event type
 * @param customerId the customer: subject and Kafka key
 * @param entityId the entity whose version {@code sequence} is: the customer, order or payment id
 * @param sequence the entity's version after this event
 * @param email the customer's new e-mail for registrations and e-mail changes, else {@code null}
 * @param data the schema-valid event data
 */
public record PlannedEvent(EventType type, String customerId, String entityId, Sequence sequence, String email, ObjectNode data) {
}
