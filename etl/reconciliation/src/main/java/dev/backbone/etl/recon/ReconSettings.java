package dev.backbone.etl.recon;

import dev.backbone.index.RedisCredentials;
import dev.backbone.sharding.ShardId;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What reconciliation reads, repairs and reports into. Validated on construction; errors name the setting.
 * Shards and warehouse have a user each: in the cluster they are different databases with different
 * owners (Secrets {@code backbone-shard-credentials} and {@code warehouse-app}).
 *
 * @param shardJdbcUrls     each shard's pgjdbc (multi-host) URL
 * @param warehouseJdbcUrl  where recon_run and recon_discrepancy are written
 * @param shardUser         database user on every shard (reads rows, repairs them)
 * @param shardPassword     its password (may be empty for trust authentication)
 * @param warehouseUser     database user on the warehouse
 * @param warehousePassword its password (may be empty for trust authentication)
 * @param redisUri          Lettuce URI of the index, normally {@code redis-sentinel://…?sentinelMasterId=…}, without credentials
 * @param redisCredentials  the index's ACL user and the Sentinels' password ({@link RedisCredentials#NONE} locally)
 * @param indexKeyPrefix    the index's key prefix, {@code backbone:idx:} in production
 * @param redisTimeout      per-command timeout
 */
public record ReconSettings(Map<ShardId, String> shardJdbcUrls, String warehouseJdbcUrl, String shardUser, String shardPassword,
                            String warehouseUser, String warehousePassword, String redisUri, RedisCredentials redisCredentials,
                            String indexKeyPrefix, Duration redisTimeout) {

    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofSeconds(5);

    public ReconSettings {
        if (shardJdbcUrls == null || shardJdbcUrls.isEmpty()) {
            throw new IllegalArgumentException("recon.shards must name at least one shard JDBC URL");
        }
        shardJdbcUrls.forEach((shard, url) -> requireUrl("recon.shards." + shard, url, "jdbc:postgresql://"));
        requireUrl("recon.warehouse.url", warehouseJdbcUrl, "jdbc:postgresql://");
        requireUrl("recon.redis.uri", redisUri, "redis");
        Objects.requireNonNull(redisCredentials, "recon.redis.credentials");
        if (indexKeyPrefix == null || indexKeyPrefix.isEmpty()) {
            throw new IllegalArgumentException("recon.index.key-prefix must be set (production: backbone:idx:)");
        }
        if (redisTimeout == null || redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("recon.redis.timeout must be positive, but was " + redisTimeout);
        }
        shardJdbcUrls = Map.copyOf(new TreeMap<>(shardJdbcUrls));
        shardUser = shardUser == null ? "" : shardUser;
        shardPassword = shardPassword == null ? "" : shardPassword;
        warehouseUser = warehouseUser == null ? "" : warehouseUser;
        warehousePassword = warehousePassword == null ? "" : warehousePassword;
    }

    /** One user for shards and warehouse and no Redis authentication: the local stack. */
    public ReconSettings(Map<ShardId, String> shardJdbcUrls, String warehouseJdbcUrl, String user, String password,
                         String redisUri, String indexKeyPrefix, Duration redisTimeout) {
        this(shardJdbcUrls, warehouseJdbcUrl, user, password, user, password, redisUri, RedisCredentials.NONE, indexKeyPrefix,
                redisTimeout);
    }

    /** These settings with another index key prefix: a resumed run compares the index its first attempt compared. */
    public ReconSettings withIndexKeyPrefix(String prefix) {
        return new ReconSettings(shardJdbcUrls, warehouseJdbcUrl, shardUser, shardPassword, warehouseUser, warehousePassword, redisUri,
                redisCredentials, prefix, redisTimeout);
    }

    /** The index's Lettuce URI with the credentials applied and the command timeout set. */
    RedisURI redisConnectionUri() {
        RedisURI uri = redisCredentials.applyTo(RedisURI.create(redisUri));
        uri.setTimeout(redisTimeout);
        return uri;
    }

    private static void requireUrl(String key, String url, String scheme) {
        if (url == null || !url.startsWith(scheme)) {
            throw new IllegalArgumentException(key + " must be a " + scheme + "… URL, but was '" + url + "'");
        }
    }

    /** For logs: the passwords are redacted. */
    @Override
    public String toString() {
        return "ReconSettings[shards=" + shardJdbcUrls + ", warehouse=" + warehouseJdbcUrl + ", shardUser=" + shardUser
                + ", shardPassword=" + redacted(shardPassword) + ", warehouseUser=" + warehouseUser + ", warehousePassword="
                + redacted(warehousePassword) + ", redis=" + redisUri + " " + redisCredentials + ", indexKeyPrefix=" + indexKeyPrefix
                + ", redisTimeout=" + redisTimeout + "]";
    }

    private static String redacted(String password) {
        return password.isEmpty() ? "" : "***";
    }
}
