package dev.backbone.query.shard;

import java.sql.SQLException;

/** A shard query failed; carries the SQL state for diagnosis. */
public final class ShardQueryException extends RuntimeException {

  public ShardQueryException(SQLException cause) {
    super("shard query failed (SQLState " + cause.getSQLState() + "): " + cause.getMessage(), cause);
  }
}
