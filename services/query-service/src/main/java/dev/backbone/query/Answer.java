package dev.backbone.query;

import java.util.Objects;
import java.util.Optional;

/**
 * A point look-up's result: the value if found, and the path that answered.
 *
 * @param value the entity, empty when not found
 * @param path how the answer was produced
 * @param <T> entity type
 */
public record Answer<T>(Optional<T> value, QueryPath path) {

  /** Checks presence. */
  public Answer {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(path, "path");
  }

  public static <T> Answer<T> found(T value, QueryPath path) {
    return new Answer<>(Optional.of(value), path);
  }

  public static <T> Answer<T> notFound(QueryPath path) {
    return new Answer<>(Optional.empty(), path);
  }
}
