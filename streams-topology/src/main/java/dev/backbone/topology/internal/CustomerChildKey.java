package dev.backbone.topology.internal;

import dev.backbone.contracts.EventEnvelope;

/**
 * State-store keys of entities that belong to a customer (orders, payments): customer id, NUL, entity
 * id. Starting with the customer id keeps a customer's entities together and lets reconciliation scope
 * changelog records by customer-id prefix without decoding them.
 */
final class CustomerChildKey {

  /** Customer ids cannot contain control characters, so the separator never occurs inside one. */
  private static final char SEPARATOR = '\u0000';

  private CustomerChildKey() {
  }

  /** The key of the entity whose id is the event data's {@code idField}, within the event's customer. */
  static String of(EventEnvelope event, String idField) {
    return event.subject().value() + SEPARATOR + event.data().path(idField).asText();
  }
}
