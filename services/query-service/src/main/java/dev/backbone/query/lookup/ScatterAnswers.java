package dev.backbone.query.lookup;

import dev.backbone.query.Answer;
import dev.backbone.query.QueryPath;
import dev.backbone.query.shard.ShardGateway;
import java.util.Optional;

/** Turns a point look-up asked of every shard into one answer. */
final class ScatterAnswers {

  private ScatterAnswers() {
  }

  /**
   * The row one shard found; else, if a shard did not answer, its failure (a 503 naming it: the row
   * may live there); else not found.
   */
  static <T> Answer<T> firstFound(ShardGateway.Gathered<Optional<T>> gathered) {
    Optional<T> found = gathered.answers().values().stream().flatMap(Optional::stream).findFirst();
    if (found.isPresent()) {
      return Answer.found(found.get(), QueryPath.SCATTER);
    }
    if (!gathered.failures().isEmpty()) {
      throw gathered.failures().get(0);
    }
    return Answer.notFound(QueryPath.SCATTER);
  }
}
