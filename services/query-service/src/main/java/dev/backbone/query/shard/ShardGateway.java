package dev.backbone.query.shard;

import dev.backbone.query.ShardUnavailableException;
import dev.backbone.query.guard.DependencyFailure;
import dev.backbone.query.guard.DependencyGuard;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Every shard behind its own {@link DependencyGuard}: {@link #ask} one shard, or {@link #scatter} a
 * question to several in parallel and gather what came back, naming the shards that did not answer.
 * Routing is {@link ShardRouter}'s, the one routing function of the backbone.
 */
public final class ShardGateway implements AutoCloseable {

  private final ShardRouter router;
  private final Map<ShardId, ShardReader> readers;
  private final Map<ShardId, DependencyGuard> guards;

  /** Both maps must hold exactly the router's shards. */
  public ShardGateway(ShardRouter router, Map<ShardId, ShardReader> readers, Map<ShardId, DependencyGuard> guards) {
    this.router = Objects.requireNonNull(router, "router");
    Set<ShardId> expected = Set.copyOf(router.allShards());
    if (!readers.keySet().equals(expected) || !guards.keySet().equals(expected)) {
      throw new IllegalArgumentException("need a reader and a guard for each of " + router.allShards()
          + ", but got readers for " + readers.keySet() + " and guards for " + guards.keySet());
    }
    this.readers = Map.copyOf(readers);
    this.guards = Map.copyOf(guards);
  }

  /** The shard that owns the customer and everything keyed by it. */
  public ShardId owner(String customerId) {
    return router.shardFor(customerId);
  }

  public List<ShardId> allShards() {
    return router.allShards();
  }

  /**
   * Asks one shard.
   *
   * @throws ShardUnavailableException when the shard fails, times out, is full or its circuit is open
   */
  public <T> T ask(ShardId shard, Function<ShardReader, T> question) {
    DependencyGuard guard = guards.get(shard);
    try {
      return guard.call(() -> question.apply(readers.get(shard)));
    } catch (DependencyFailure e) {
      throw new ShardUnavailableException(shard, e.getCause());
    }
  }

  /** Asks every shard in parallel. */
  public <T> Gathered<T> scatter(Function<ShardReader, T> question) {
    Map<ShardId, Function<ShardReader, T>> questions = new LinkedHashMap<>();
    router.allShards().forEach(shard -> questions.put(shard, question));
    return scatter(questions);
  }

  /** Asks each named shard its own question, all in parallel; waits at most one shard timeout. */
  public <T> Gathered<T> scatter(Map<ShardId, Function<ShardReader, T>> questions) {
    Map<ShardId, CompletableFuture<T>> pending = new LinkedHashMap<>();
    questions.forEach((shard, question) ->
        pending.put(shard, guards.get(shard).submit(() -> question.apply(readers.get(shard)))));
    Map<ShardId, T> answers = new LinkedHashMap<>();
    List<ShardUnavailableException> failures = new ArrayList<>();
    pending.forEach((shard, future) -> {
      try {
        answers.put(shard, guards.get(shard).await(future));
      } catch (DependencyFailure e) {
        failures.add(new ShardUnavailableException(shard, e.getCause()));
      }
    });
    return new Gathered<>(answers, failures);
  }

  /** Per-shard health: the shards whose ping failed. */
  public List<ShardUnavailableException> unreachableShards() {
    return scatter(reader -> {
      reader.ping();
      return Boolean.TRUE;
    }).failures();
  }

  /** The guards, for metrics and health. */
  public Map<ShardId, DependencyGuard> guards() {
    return guards;
  }

  /** Stops every shard's bulkhead threads. */
  @Override
  public void close() {
    guards.values().forEach(DependencyGuard::close);
  }

  /**
   * What a scatter brought back.
   *
   * @param answers per shard that answered
   * @param failures one per shard that did not, naming it
   * @param <T> answer type
   */
  public record Gathered<T>(Map<ShardId, T> answers, List<ShardUnavailableException> failures) {

    public Gathered {
      answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
      failures = List.copyOf(failures);
    }

    public List<ShardId> missingShards() {
      return failures.stream().map(ShardUnavailableException::shard).sorted().toList();
    }
  }
}
