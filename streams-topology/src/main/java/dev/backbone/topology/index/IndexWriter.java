package dev.backbone.topology.index;

import java.util.List;

/** Applies index ops durably; {@link LettuceIndexWriter} against Redis, fakes in tests. */
@FunctionalInterface
public interface IndexWriter {

  /**
   * Applies {@code ops} in order; when it returns, every op was acknowledged.
   *
   * @throws IndexWriteException when not every op was acknowledged; the caller retries the same list
   * @throws InterruptedException when interrupted while waiting
   */
  void apply(List<IndexOp> ops) throws InterruptedException;
}
