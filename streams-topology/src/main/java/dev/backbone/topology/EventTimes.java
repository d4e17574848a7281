package dev.backbone.topology;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The precision entity times are kept at: PostgreSQL's {@code timestamptz}, microseconds. */
final class EventTimes {

  private EventTimes() {
  }

  /** {@code time} truncated to microseconds; null stays null. */
  static Instant atStorePrecision(Instant time) {
    return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
  }
}
