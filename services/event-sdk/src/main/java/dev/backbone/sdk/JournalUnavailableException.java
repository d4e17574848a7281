package dev.backbone.sdk;

/**
 * The event had to be buffered but the local journal failed (for example the disk is full or
 * unwritable). The event was not acknowledged. The journal stays failed until the publisher is
 * restarted, so the error is visible rather than intermittent.
 */
public final class JournalUnavailableException extends PublishException {

  /** Creates an exception. */
  public JournalUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
