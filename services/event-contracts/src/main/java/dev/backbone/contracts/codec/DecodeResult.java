package dev.backbone.contracts.codec;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.schema.SchemaViolation;
import java.util.List;
import java.util.Objects;

/** The outcome of decoding one Kafka record: a valid event, or why it is not one. */
public sealed interface DecodeResult {

  /**
   * The record is a valid domain event.
   *
   * @param envelope the decoded event
   */
  record Valid(EventEnvelope envelope) implements DecodeResult {
    /** Checks the envelope is present. */
    public Valid {
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  /**
   * The record is not a valid domain event.
   *
   * @param reason the category, stable for DLQ headers and metrics
   * @param detail what exactly is wrong, naming the attribute or field and the value
   * @param violations the schema violations when {@code reason} is {@link InvalidReason#SCHEMA_VIOLATION}, else empty
   */
  record Invalid(InvalidReason reason, String detail, List<SchemaViolation> violations) implements DecodeResult {
    /** Validates and copies. */
    public Invalid {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
      violations = List.copyOf(violations);
    }

    static Invalid of(InvalidReason reason, String detail) {
      return new Invalid(reason, detail, List.of());
    }
  }
}
