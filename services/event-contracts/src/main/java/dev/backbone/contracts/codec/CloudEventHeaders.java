package dev.backbone.contracts.codec;

/**
 * Header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode: every attribute
 * is a {@code ce_}-prefixed header with a UTF-8 value; {@code datacontenttype} maps to
 * {@code content-type}. In structured mode the whole event is the record value and
 * {@code content-type} is {@value #STRUCTURED_CONTENT_TYPE}.
 */
public final class CloudEventHeaders {

  /** {@code specversion}. */
  public static final String SPEC_VERSION = "ce_specversion";
  /** {@code id}. */
  public static final String ID = "ce_id";
  /** {@code source}. */
  public static final String SOURCE = "ce_source";
  /** {@code type}. */
  public static final String TYPE = "ce_type";
  /** {@code subject}. */
  public static final String SUBJECT = "ce_subject";
  /** {@code time}. */
  public static final String TIME = "ce_time";
  /** The {@code sequence} extension (decimal string). */
  public static final String SEQUENCE = "ce_sequence";
  /** {@code datacontenttype}. */
  public static final String CONTENT_TYPE = "content-type";
  /**
   * W3C trace context, written by the SDK's OpenTelemetry propagator (not a {@code ce_} header):
   * consumers extract it with their propagator to continue the publisher's trace.
   */
  public static final String TRACEPARENT = "traceparent";
  /** Content type that marks a structured-mode record. */
  public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

  private CloudEventHeaders() {
  }
}
