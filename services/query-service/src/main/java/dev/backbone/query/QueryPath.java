package dev.backbone.query;

import java.util.Locale;

/** How an answer was produced; sent as the {@code X-Backbone-Path} response header. */
public enum QueryPath {
  /** Redis index, then the owning shard (hit verified against the row). */
  INDEX,
  /** Every shard asked in parallel (Redis down, slow, or an index entry was stale). */
  SCATTER,
  /** Straight to the owning shard: the customer id is known. */
  SHARD;

  /** The header value: {@code index}, {@code scatter} or {@code shard}. */
  public String headerValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
