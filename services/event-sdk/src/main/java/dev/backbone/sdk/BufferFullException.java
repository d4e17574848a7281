package dev.backbone.sdk;

/**
 * Back-pressure: Kafka cannot take the event now and the local journal is at its bound (bytes or
 * entries). The event was neither sent nor stored. Retry later, slow down, or shed load; the
 * publisher never drops an event silently.
 */
public final class BufferFullException extends PublishException {

  /** Creates an exception naming the bound that was hit. */
  public BufferFullException(String message) {
    super(message, null);
  }
}
