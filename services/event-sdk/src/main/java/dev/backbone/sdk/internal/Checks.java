package dev.backbone.sdk.internal;

import java.time.Duration;

/** Start-up validation helpers: every message names the configuration key and the bad value. */
public final class Checks {

  private Checks() {
  }

  /** Fails unless {@code value} is present. */
  public static <T> T present(String key, T value) {
    if (value == null) {
      throw new IllegalArgumentException(key + " must be set but was null");
    }
    return value;
  }

  /** Fails unless {@code value > 0}. */
  public static long positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be > 0 but was " + value);
    }
    return value;
  }

  /** Fails unless {@code min <= value <= max}. */
  public static double between(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + " but was " + value);
    }
    return value;
  }

  /** Fails unless the duration is present and strictly positive. */
  public static Duration positive(String key, Duration value) {
    present(key, value);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be > 0 but was " + value);
    }
    return value;
  }

  /** Fails unless the duration is present and not negative. */
  public static Duration notNegative(String key, Duration value) {
    present(key, value);
    if (value.isNegative()) {
      throw new IllegalArgumentException(key + " must be >= 0 but was " + value);
    }
    return value;
  }
}
