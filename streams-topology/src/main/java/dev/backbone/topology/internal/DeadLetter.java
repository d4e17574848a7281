package dev.backbone.topology.internal;

import java.util.Objects;

/**
 * A record on its way to the DLQ.
 *
 * @param reason stable reason name (DLQ header and metric tag)
 * @param detail what exactly is wrong
 * @param raw the original record and where it was read
 */
public record DeadLetter(String reason, String detail, RawRecord raw) {
  /** Checks presence. */
  public DeadLetter {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(raw, "raw");
  }
}
