package dev.backbone.sdk;

/** Base of every error the publisher reports; the event was <em>not</em> acknowledged. */
public abstract class PublishException extends RuntimeException {

  /** Creates an exception. */
  protected PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
