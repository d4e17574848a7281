package dev.backbone.topology;

/** Entity state that carries the aggregate sequence it reflects. */
public interface Versioned {
  /** The sequence of the last event folded into this state. */
  long version();
}
