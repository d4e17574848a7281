package dev.backbone.contracts;

/**
 * The id of the aggregate an event belongs to: the CloudEvents {@code subject} and the Kafka record
 * key. For customer, order and payment events it is the <em>customer</em> id, so that every event
 * of a customer lands on the same partition and shard; the order or payment id is in the data.
 *
 * @param value 1 to {@value #MAX_LENGTH} printable characters, no surrounding blanks
 */
public record AggregateId(String value) {

  /** Longest accepted id, in characters. */
  public static final int MAX_LENGTH = 128;

  /** Validates the id. */
  public AggregateId {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH || !value.strip().equals(value)) {
      throw new IllegalArgumentException(
          "aggregate id must be 1.." + MAX_LENGTH + " characters without surrounding blanks but was '" + value + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException("aggregate id must not contain control characters but was '" + value + "'");
      }
    }
  }

  /** Shorthand for {@code new AggregateId(value)}. */
  public static AggregateId of(String value) {
    return new AggregateId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
