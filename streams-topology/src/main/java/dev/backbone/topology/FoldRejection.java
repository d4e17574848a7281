package dev.backbone.topology;

/** Why a well-formed event cannot be folded into its entity. Names are stable DLQ reasons. */
public enum FoldRejection {
  /** The event's sequence is not newer than the entity's version (and it is not a duplicate id). */
  SEQUENCE_BEHIND,
  /** The event changes an entity that was never created (e.g. an order paid before it was placed). */
  ENTITY_NOT_FOUND
}
