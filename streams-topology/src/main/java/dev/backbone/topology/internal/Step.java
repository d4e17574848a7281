package dev.backbone.topology.internal;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.EntityChange;
import java.util.Objects;

/** What happened to one input record so far on its way through the topology. */
public sealed interface Step {

  /** A valid event, with its original bytes in case a later stage rejects it. */
  record Accepted(EventEnvelope event, RawRecord raw) implements Step {
    /** Checks presence. */
    public Accepted {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(raw, "raw");
    }
  }

  /** The event changed an entity. */
  record Changed(EntityChange<?> change) implements Step {
    /** Checks presence. */
    public Changed {
      Objects.requireNonNull(change, "change");
    }
  }

  /** The record goes to the DLQ. */
  record Rejected(DeadLetter letter) implements Step {
    /** Checks presence. */
    public Rejected {
      Objects.requireNonNull(letter, "letter");
    }
  }
}
