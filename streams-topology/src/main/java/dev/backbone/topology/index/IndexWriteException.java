package dev.backbone.topology.index;

/** Redis did not take an index pipeline; retriable, since every op is idempotent. */
public final class IndexWriteException extends RuntimeException {

  /** A failed or unacknowledged index write, with its cause. */
  public IndexWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
