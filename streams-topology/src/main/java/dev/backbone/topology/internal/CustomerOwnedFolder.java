package dev.backbone.topology.internal;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.Versioned;
import java.util.function.UnaryOperator;

/**
 * The fold of an entity a customer owns and that is never deleted (orders, payments): its store key is
 * the customer id, NUL, and the entity's own id from the event data. Starting with the customer id keeps
 * a customer's entities together and lets reconciliation scope changelog records by customer-id prefix
 * without decoding them.
 *
 * @param <S> the entity state
 */
abstract class CustomerOwnedFolder<S extends Versioned> implements EntityFolder<S> {

  /** Customer ids cannot contain control characters, so the separator never occurs inside one. */
  private static final char SEPARATOR = '\u0000';

  private final String idField;

  /** @param idField the event data's field that holds the entity's id, e.g. {@code orderId} */
  CustomerOwnedFolder(String idField) {
    this.idField = idField;
  }

  @Override
  public final String entityKey(EventEnvelope event) {
    return event.subject().value() + SEPARATOR + event.readData(data -> data.path(idField).asText());
  }

  @Override
  public final boolean isDeleted(S state) {
    return false;
  }

  /**
   * The state after an event that changes an existing entity: {@code change} of {@code current}, or
   * {@code null} when there is none, which the fold dead-letters as {@code ENTITY_NOT_FOUND}.
   */
  static <S> S ifExists(S current, UnaryOperator<S> change) {
    return current == null ? null : change.apply(current);
  }
}
