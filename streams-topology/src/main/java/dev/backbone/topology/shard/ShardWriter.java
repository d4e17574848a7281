package dev.backbone.topology.shard;

import java.sql.SQLException;

/** Writes a batch into one shard: durable when it returns, nothing applied when it throws. */
public interface ShardWriter {

  /**
   * Writes and commits the batch; must be idempotent.
   *
   * @throws SQLException when the shard cannot take the batch
   */
  void write(ShardBatch batch) throws SQLException;
}
