package dev.backbone.topology.index;

/** Redis did not take an index pipeline; retriable, since every op is idempotent. */
public final class IndexWriteException extends RuntimeException {

  IndexWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
