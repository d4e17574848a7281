package dev.backbone.query;

import dev.backbone.index.RedisCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The query service's configuration ({@code backbone.query.*}), immutable and validated when built:
 * every error names the key and the rejected value.
 *
 * @param shardUrls pgjdbc URL of each shard, index = shard number ({@code shards[0]}, …); multi-host
 *     with {@code targetServerType=primary} so a promoted standby is found
 * @param shardUser database user
 * @param shardPassword database password (may be empty; never logged)
 * @param redisUri Lettuce URI, normally {@code redis-sentinel://host:port,…?sentinelMasterId=…}; no
 *     credentials in it (it is logged, and Lettuce would not give them to the Sentinels)
 * @param redisCredentials {@code redis-username} / {@code redis-password} (ACL user on the data nodes) and
 *     {@code redis-sentinel-password} (the Sentinels' requirepass); never logged
 * @param indexPrefix key prefix of the index
 * @param redisTimeout a Redis read slower than this falls back to scatter-gather
 * @param shardTimeout a shard read slower than this counts the shard as unavailable
 * @param shardPoolSize connections (and bulkhead threads) per shard
 * @param circuitOpenFor how long an open circuit fails fast before letting trial calls through
 * @param repairQueueCapacity stale index entries kept for repair
 */
public record QuerySettings(List<String> shardUrls, String shardUser, String shardPassword, String redisUri,
    RedisCredentials redisCredentials, String indexPrefix, Duration redisTimeout, Duration shardTimeout, int shardPoolSize, Duration circuitOpenFor,
    int repairQueueCapacity) {

  public static final String PREFIX = "backbone.query.";
  public static final String DEFAULT_SHARD_USER = "backbone";
  public static final String DEFAULT_INDEX_PREFIX = "backbone:idx:";
  public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(250);
  public static final Duration DEFAULT_SHARD_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_SHARD_POOL_SIZE = 4;
  public static final Duration DEFAULT_CIRCUIT_OPEN_FOR = Duration.ofSeconds(5);
  public static final int DEFAULT_REPAIR_QUEUE_CAPACITY = 10_000;

  public QuerySettings {
    if (shardUrls == null || shardUrls.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + "shards must list at least one JDBC URL, but was " + shardUrls);
    }
    for (int i = 0; i < shardUrls.size(); i++) {
      String url = shardUrls.get(i);
      if (url == null || !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(PREFIX + "shards[" + i + "] must be a jdbc:postgresql: URL, but was '"
            + url + "'");
      }
    }
    shardUrls = List.copyOf(shardUrls);
    requireText("shard-user", shardUser);
    shardPassword = Objects.requireNonNullElse(shardPassword, "");
    if (redisUri == null || !(redisUri.startsWith("redis-sentinel://") || redisUri.startsWith("redis://"))) {
      throw new IllegalArgumentException(PREFIX + "redis-uri must be a redis-sentinel:// (or redis://) URI, but was '"
          + redisUri + "'");
    }
    Objects.requireNonNull(redisCredentials, PREFIX + "redis-username / redis-password / redis-sentinel-password");
    requireText("index-prefix", indexPrefix);
    positive("redis-timeout", redisTimeout);
    positive("shard-timeout", shardTimeout);
    positive("circuit-open-for", circuitOpenFor);
    if (shardPoolSize < 1 || shardPoolSize > 64) {
      throw new IllegalArgumentException(PREFIX + "shard-pool-size must be between 1 and 64, but was " + shardPoolSize);
    }
    if (repairQueueCapacity < 1) {
      throw new IllegalArgumentException(PREFIX + "repair-queue-capacity must be >= 1, but was " + repairQueueCapacity);
    }
  }

  /** Settings with every default, for the given shards and Redis. */
  public static QuerySettings defaults(List<String> shardUrls, String redisUri) {
    return new QuerySettings(shardUrls, DEFAULT_SHARD_USER, "", redisUri, RedisCredentials.NONE, DEFAULT_INDEX_PREFIX,
        DEFAULT_REDIS_TIMEOUT,
        DEFAULT_SHARD_TIMEOUT, DEFAULT_SHARD_POOL_SIZE, DEFAULT_CIRCUIT_OPEN_FOR, DEFAULT_REPAIR_QUEUE_CAPACITY);
  }

  @Override
  public String toString() {
    return "QuerySettings[shardUrls=" + shardUrls + ", shardUser=" + shardUser + ", shardPassword=<redacted>, redisUri="
        + redisUri + ", redis=" + redisCredentials + ", indexPrefix=" + indexPrefix + ", redisTimeout=" + redisTimeout + ", shardTimeout=" + shardTimeout
        + ", shardPoolSize=" + shardPoolSize + ", circuitOpenFor=" + circuitOpenFor + ", repairQueueCapacity="
        + repairQueueCapacity + "]";
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(PREFIX + key + " must not be blank, but was '" + value + "'");
    }
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(PREFIX + key + " must be > 0, but was " + value);
    }
  }
}
