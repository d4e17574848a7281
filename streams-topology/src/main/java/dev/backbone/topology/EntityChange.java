package dev.backbone.topology;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One change of an entity's state, with the state before, so that the index sink can move
 * entries (remove the old e-mail, add the new one) without reading anything.
 *
 * @param before the state before the event, {@code null} when the entity is new
 * @param after the state after the event, {@code null} when the entity was deleted (a tombstone)
 * @param <S> the entity state type
 */
public record EntityChange<S>(S before, S after) {

  /** {@code true} when this change deletes the entity. */
  @JsonIgnore
  public boolean isTombstone() {
    return after == null;
  }
}
