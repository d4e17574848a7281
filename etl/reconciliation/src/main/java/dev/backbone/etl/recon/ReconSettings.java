package dev.backbone.etl.recon;

import dev.backbone.sharding.ShardId;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What reconciliation reads, repairs and reports into. Validated on construction; errors name the setting.
 *
 * @param shardJdbcUrls   each shard's pgjdbc (multi-host) URL
 * @param warehouseJdbcUrl where recon_run and recon_discrepancy are written
 * @param redisUri        Lettuce URI of the index, normally {@code redis-sentinel://…?sentinelMasterId=…}
 * @param indexKeyPrefix  the index's key prefix, {@code backbone:idx:} in production
 * @param redisTimeout    per-command timeout
 */
public record ReconSettings(Map<ShardId, String> shardJdbcUrls, String warehouseJdbcUrl, String user, String password,
                            String redisUri, String indexKeyPrefix, Duration redisTimeout) {

    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofSeconds(5);

    public ReconSettings {
        if (shardJdbcUrls == null || shardJdbcUrls.isEmpty()) {
            throw new IllegalArgumentException("recon.shards must name at least one shard JDBC URL");
        }
        shardJdbcUrls.forEach((shard, url) -> requireUrl("recon.shards." + shard, url, "jdbc:postgresql://"));
        requireUrl("recon.warehouse.url", warehouseJdbcUrl, "jdbc:postgresql://");
        requireUrl("recon.redis.uri", redisUri, "redis");
        if (indexKeyPrefix == null || indexKeyPrefix.isEmpty()) {
            throw new IllegalArgumentException("recon.index.key-prefix must be set (production: backbone:idx:)");
        }
        if (redisTimeout == null || redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("recon.redis.timeout must be positive, but was " + redisTimeout);
        }
        shardJdbcUrls = Map.copyOf(new TreeMap<>(shardJdbcUrls));
        password = password == null ? "" : password;
    }

    private static void requireUrl(String key, String url, String scheme) {
        if (url == null || !url.startsWith(scheme)) {
            throw new IllegalArgumentException(key + " must be a " + scheme + "… URL, but was '" + url + "'");
        }
    }
}
