package dev.backbone.topology.internal;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.Versioned;

/**
 * The pure fold of one entity kind: which entity an event changes, and its state after the event.
 * The version guard is the caller's job; a folder only sees events newer than the state.
 *
 * @param <S> the entity state
 */
public interface EntityFolder<S extends Versioned> {

  /** The state-store key of the entity the event changes; unique within a partition. */
  String entityKey(EventEnvelope event);

  /**
   * Applies an event.
   *
   * @param current the state, {@code null} when the entity was never seen
   * @return the new state, or {@code null} when the event needs an entity that does not exist
   */
  S apply(S current, EventEnvelope event);

  /** Whether the state is a deleted entity: it is then published as {@code null} (a tombstone). */
  boolean isDeleted(S state);
}
