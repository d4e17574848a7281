package dev.backbone.sdk;

import dev.backbone.contracts.schema.SchemaViolation;
import java.util.List;

/**
 * The event can never be published as it is: retrying or buffering cannot help. Raised at once,
 * without retries: schema violations (with the field, rule and value of each), records over
 * {@code max.request.size}, authorization failures and other non-retriable Kafka errors.
 */
public final class EventRejectedException extends PublishException {

  /** Why an event was rejected. */
  public enum Reason {
    /** The data breaks the JSON Schema of its type or the keying rule. */
    SCHEMA_VIOLATION,
    /** The encoded record is larger than the producer's {@code max.request.size}. */
    TOO_LARGE,
    /** The client is not allowed to write the topic. */
    NOT_AUTHORIZED,
    /** Any other error Kafka marks as not retriable. */
    NON_RETRIABLE
  }

  private final Reason reason;
  private final List<SchemaViolation> violations;

  /** Creates an exception. */
  public EventRejectedException(Reason reason, String message, List<SchemaViolation> violations, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.violations = List.copyOf(violations);
  }

  /** The category of the rejection. */
  public Reason reason() {
    return reason;
  }

  /** The schema violations when {@link #reason()} is {@link Reason#SCHEMA_VIOLATION}, else empty. */
  public List<SchemaViolation> violations() {
    return violations;
  }
}
