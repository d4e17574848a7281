package dev.backbone.topology.index;

/** One idempotent write to the Redis secondary index. */
public sealed interface IndexOp {

  /** {@code SET key value}. */
  record Put(String key, String value) implements IndexOp {
  }

  /** Delete {@code key} only while it still holds {@code value} (another entity may own it by now). */
  record DeleteIfEquals(String key, String value) implements IndexOp {
  }

  /** {@code ZADD key score member}. */
  record SortedAdd(String key, double score, String member) implements IndexOp {
  }

  /** {@code ZREM key member}. */
  record SortedRemove(String key, String member) implements IndexOp {
  }
}
