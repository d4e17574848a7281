package dev.backbone.topology;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One change of an entity's state, with the state before, so that the index sink can move
 * entries (remove the old e-mail, add the new one) without reading anything.
 *
 * @param before the state before the event, {@code null} when the entity is new
 * @param after the state after the event, {@code null} when the entity was deleted (a tombstone)
 * @param version the sequence of the event that made this change; for a tombstone, the version the
 *     shard sink guards the delete with
 * @param time when the change happened (the event's {@code time})
 * @param <S> the entity state type
 */
public record EntityChange<S>(S before, S after, long version, Instant time) {

  /** {@code true} when this change deletes the entity. */
  @JsonIgnore
  public boolean isTombstone() {
    return after == null;
  }
}
