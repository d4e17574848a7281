package dev.backbone.contracts.codec;

/**
 * Why a record is not a valid domain event. Stable names: they become DLQ reason headers and
 * metric labels.
 */
public enum InvalidReason {
  /** The record exceeds the codec's size limit. */
  OVERSIZED,
  /** A required CloudEvents attribute is missing. */
  MISSING_ATTRIBUTE,
  /** An attribute is present but malformed (bad id, time, sequence, source or subject). */
  MALFORMED_ATTRIBUTE,
  /** {@code specversion} is not {@code 1.0}. */
  UNSUPPORTED_SPEC_VERSION,
  /** The content type is neither JSON (binary mode) nor CloudEvents JSON (structured mode). */
  UNSUPPORTED_CONTENT_TYPE,
  /** {@code type} names no known event type or version. */
  UNKNOWN_TYPE,
  /** The value (or the data) is not a JSON object. */
  MALFORMED_JSON,
  /** The Kafka key is missing or differs from {@code subject}. */
  KEY_MISMATCH,
  /** The data breaks the type's JSON Schema or keying rule. */
  SCHEMA_VIOLATION
}
