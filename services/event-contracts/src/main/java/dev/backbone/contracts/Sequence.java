package dev.backbone.contracts;

/**
 * The version of the entity an event changes, after the change: 1 for the event that creates it,
 * then +1 per event. Carried as the CloudEvents extension {@code sequence}; projections apply an
 * event only when its sequence is newer than the row's, which makes replays and duplicates
 * harmless.
 *
 * <p>The entity is the customer for customer events, the order ({@code data.orderId}) for order
 * events and the payment ({@code data.paymentId}) for payment events.
 *
 * @param value at least 1
 */
public record Sequence(long value) implements Comparable<Sequence> {

  /** Validates the sequence. */
  public Sequence {
    if (value < 1) {
      throw new IllegalArgumentException("sequence must be >= 1 but was " + value);
    }
  }

  /** Shorthand for {@code new Sequence(value)}. */
  public static Sequence of(long value) {
    return new Sequence(value);
  }

  /** The sequence of the next event of the same entity. */
  public Sequence next() {
    return new Sequence(Math.addExact(value, 1));
  }

  @Override
  public int compareTo(Sequence other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
