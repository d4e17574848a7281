package dev.backbone.contracts;

import java.util.Objects;
import java.util.UUID;

/**
 * The unique, time-ordered identity of one event: a version 7 UUID (RFC 9562) whose first 48 bits
 * are the Unix time in milliseconds. The CloudEvents {@code id} attribute; consumers de-duplicate
 * by it, so two events never share one.
 *
 * <p>Create new ids with {@link EventIdGenerator}; parse received ones with {@link #parse(String)}.
 *
 * @param value the UUID; never {@code null}
 */
public record EventId(UUID value) implements Comparable<EventId> {

  /** Validates the id. */
  public EventId {
    Objects.requireNonNull(value, "event id must not be null");
  }

  /**
   * Parses the canonical text form of an id.
   *
   * @param text the UUID text, e.g. {@code 0192f1c4-7a4e-7b3a-8c1d-4e5f6a7b8c9d}
   * @return the id
   * @throws IllegalArgumentException when {@code text} is not a UUID
   */
  public static EventId parse(String text) {
    if (text == null || text.length() != 36) {
      throw new IllegalArgumentException("event id must be a 36-character UUID but was '" + text + "'");
    }
    return new EventId(UUID.fromString(text));
  }

  /** Milliseconds since the epoch at which the id was generated (the UUIDv7 timestamp). */
  public long epochMillis() {
    return value.getMostSignificantBits() >>> 16;
  }

  /** Orders ids by generation time, then by their random/counter bits. */
  @Override
  public int compareTo(EventId other) {
    int byHigh = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
    return byHigh != 0
        ? byHigh
        : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
