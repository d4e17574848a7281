package dev.backbone.topology.app;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * The one reader of the shards' JDBC URLs, {@code backbone.shard.<i>.jdbc-url} for i = 0..N-1, shared
 * by the Streams app ({@link AppConfig}) and the CLI's cluster mode: their count is the router's N,
 * so both must see the same shards. A gap (shards 0, 1 and 3 set) fails instead of silently making
 * N = 2, which would send customers to the wrong shard.
 */
public final class ShardJdbcUrls {

  private ShardJdbcUrls() {
  }

  /** The key of shard {@code shard}'s JDBC URL: {@code backbone.shard.<i>.jdbc-url}. */
  public static String key(int shard) {
    return "backbone.shard." + shard + ".jdbc-url"; // spelt out: the k8s contract tests scan for this form
  }

  /**
   * The URLs in shard order, as set in {@code source}; fails naming the missing key when none is set
   * or the numbers have a gap. The values themselves are the caller's to check.
   */
  public static List<String> read(ConfigSource source) {
    SortedSet<Integer> shards = source.indexes("backbone.shard.", ".jdbc-url");
    if (shards.isEmpty()) {
      source.required(key(0), "jdbc:postgresql://HOST:5432/backbone"); // throws, naming the key and how to set it
    }
    if (shards.last() != shards.size() - 1) {
      int missing = 0;
      while (shards.contains(missing)) {
        missing++;
      }
      throw new IllegalArgumentException("shard JDBC URLs are set for shards " + shards + " but not for shard " + missing + ": set "
          + ConfigSource.named(key(missing)) + ". Number the shards 0..n-1 without gaps: their count is the"
          + " router's N, so a gap would send customers to the wrong shard");
    }
    List<String> urls = new ArrayList<>();
    for (int shard : shards) {
      urls.add(source.get(key(shard)).orElseThrow());
    }
    return urls;
  }
}
