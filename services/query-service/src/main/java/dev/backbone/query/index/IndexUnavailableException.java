package dev.backbone.query.index;

/** Redis did not answer in time, failed, or its circuit is open: the caller falls back to the shards. */
public final class IndexUnavailableException extends RuntimeException {

  public IndexUnavailableException(Throwable cause) {
    super("Redis index unavailable: " + cause, cause);
  }
}
