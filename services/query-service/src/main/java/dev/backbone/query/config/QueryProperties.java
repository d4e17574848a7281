package dev.backbone.query.config;

import dev.backbone.index.RedisCredentials;
import dev.backbone.query.QuerySettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Binds {@code backbone.query.*}; {@link #toSettings()} applies defaults and validates, so a bad value
 * stops the start-up with a message naming the key. Only this class knows Spring binding.
 */
@ConfigurationProperties(prefix = "backbone.query")
public record QueryProperties(List<String> shards, String shardUser, String shardPassword, String redisUri,
    String redisUsername, String redisPassword, String redisSentinelPassword, String indexPrefix, Duration redisTimeout, Duration shardTimeout, Integer shardPoolSize, Duration circuitOpenFor,
    Integer repairQueueCapacity) {

  /** The validated settings. */
  public QuerySettings toSettings() {
    return new QuerySettings(shards, Objects.requireNonNullElse(shardUser, QuerySettings.DEFAULT_SHARD_USER),
        shardPassword, redisUri,
        RedisCredentials.fromSettings(QuerySettings.PREFIX + "redis-", redisUsername, redisPassword, redisSentinelPassword),
        Objects.requireNonNullElse(indexPrefix, QuerySettings.DEFAULT_INDEX_PREFIX),
        Objects.requireNonNullElse(redisTimeout, QuerySettings.DEFAULT_REDIS_TIMEOUT),
        Objects.requireNonNullElse(shardTimeout, QuerySettings.DEFAULT_SHARD_TIMEOUT),
        Objects.requireNonNullElse(shardPoolSize, QuerySettings.DEFAULT_SHARD_POOL_SIZE),
        Objects.requireNonNullElse(circuitOpenFor, QuerySettings.DEFAULT_CIRCUIT_OPEN_FOR),
        Objects.requireNonNullElse(repairQueueCapacity, QuerySettings.DEFAULT_REPAIR_QUEUE_CAPACITY));
  }

  @Override
  public String toString() {
    return "QueryProperties[shards=" + shards + ", redisUri=" + redisUri + ", shardPassword=<redacted>, redisPassword=<redacted>, "
        + "redisSentinelPassword=<redacted>]";
  }
}
