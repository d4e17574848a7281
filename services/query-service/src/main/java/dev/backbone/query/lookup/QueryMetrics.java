package dev.backbone.query.lookup;

/** Listener hooks for the look-ups' metrics; implementations must be cheap and thread-safe. */
public interface QueryMetrics {

  /** A look-up fell back from the index to scatter-gather; {@code reason} is e.g. {@code index_unavailable}. */
  void fallback(String reason);

  /** An index hit was contradicted by its shard row; {@code kind} is {@code email}, {@code order} or {@code status}. */
  void staleIndexEntry(String kind);

  /** The repair worker removed a stale entry ({@code applied}) or found it changed meanwhile. */
  void indexRepair(boolean applied);

  /** Records nothing. */
  QueryMetrics NO_OP = new QueryMetrics() {
    @Override
    public void fallback(String reason) {
    }

    @Override
    public void staleIndexEntry(String kind) {
    }

    @Override
    public void indexRepair(boolean applied) {
    }
  };
}
