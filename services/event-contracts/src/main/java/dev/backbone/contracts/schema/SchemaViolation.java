package dev.backbone.contracts.schema;

import java.util.Objects;

/**
 * One reason an event's data breaks its contract.
 *
 * @param field JSON Pointer of the offending field ({@code ""} for the data object itself),
 *     e.g. {@code /items/0/quantity}
 * @param rule the JSON Schema keyword (or contract rule) that failed, e.g. {@code minimum},
 *     {@code required}, {@code format}, {@code subject}
 * @param value the offending value as JSON text, truncated to {@value #MAX_VALUE_LENGTH}
 *     characters; {@code "<absent>"} for a missing field
 * @param message a human-readable explanation
 */
public record SchemaViolation(String field, String rule, String value, String message) {

  /** Values longer than this are truncated in violations (they end up in logs and headers). */
  public static final int MAX_VALUE_LENGTH = 100;

  /** Marks the {@link #value()} of a field that is missing. */
  public static final String ABSENT = "<absent>";

  /** Validates and truncates. */
  public SchemaViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(message, "message");
    if (value.length() > MAX_VALUE_LENGTH) {
      value = value.substring(0, MAX_VALUE_LENGTH) + "…";
    }
  }

  /** {@code field=/items/0/quantity rule=minimum value=0 (…message…)}. */
  @Override
  public String toString() {
    return "field=" + (field.isEmpty() ? "/" : field) + " rule=" + rule + " value=" + value + " (" + message + ")";
  }
}
