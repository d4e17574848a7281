package dev.backbone.sdk;

/** {@link EventPublisher#publish} was called after {@link EventPublisher#close()} began. */
public final class PublisherClosedException extends PublishException {

  /** Creates an exception. */
  public PublisherClosedException(String message) {
    super(message, null);
  }
}
