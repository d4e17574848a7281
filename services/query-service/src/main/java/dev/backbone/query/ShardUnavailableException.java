package dev.backbone.query;

import dev.backbone.sharding.ShardId;

/**
 * A shard an answer needs did not answer (down, timed out, circuit open, bulkhead full). The caller
 * reports it (HTTP 503 naming the shard); it never becomes a silent "not found".
 */
public final class ShardUnavailableException extends RuntimeException {

  private final ShardId shard;

  public ShardUnavailableException(ShardId shard, Throwable cause) {
    super(shard + " is unavailable: " + describe(cause), cause);
    this.shard = shard;
  }

  public ShardId shard() {
    return shard;
  }

  private static String describe(Throwable cause) {
    return cause == null ? "unknown" : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
  }
}
