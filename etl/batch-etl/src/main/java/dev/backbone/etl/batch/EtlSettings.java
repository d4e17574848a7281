package dev.backbone.etl.batch;

import dev.backbone.sharding.ShardId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the batch ETL reads and writes. Validated on construction; every error names the setting.
 * Shards and warehouse have a user each: in the cluster they are different databases with different
 * owners (Secrets {@code backbone-shard-credentials} and {@code warehouse-app}).
 *
 * @param shardJdbcUrls     each shard's pgjdbc URL (use the multi-host URL, so a promoted standby is found)
 * @param warehouseJdbcUrl  the warehouse's pgjdbc URL
 * @param shardUser         database user on every shard
 * @param shardPassword     its password (may be empty for trust authentication)
 * @param warehouseUser     database user on the warehouse
 * @param warehousePassword its password (may be empty for trust authentication)
 * @param parallelism       how many shards load at once, 1..32
 */
public record EtlSettings(Map<ShardId, String> shardJdbcUrls, String warehouseJdbcUrl, String shardUser, String shardPassword,
                          String warehouseUser, String warehousePassword, int parallelism) {

    public static final int DEFAULT_PARALLELISM = 4;

    public EtlSettings {
        if (shardJdbcUrls == null || shardJdbcUrls.isEmpty()) {
            throw new IllegalArgumentException("etl.shards must name at least one shard JDBC URL");
        }
        shardJdbcUrls.forEach((shard, url) -> requirePostgresUrl("etl.shards." + shard, url));
        requirePostgresUrl("etl.warehouse.url", warehouseJdbcUrl);
        requireUser("etl.shard.user", shardUser);
        requireUser("etl.warehouse.user", warehouseUser);
        if (parallelism < 1 || parallelism > 32) {
            throw new IllegalArgumentException("etl.parallelism must be between 1 and 32, but was " + parallelism);
        }
        shardJdbcUrls = Map.copyOf(new TreeMap<>(shardJdbcUrls));
        shardPassword = shardPassword == null ? "" : shardPassword;
        warehousePassword = warehousePassword == null ? "" : warehousePassword;
    }

    /** One user for shards and warehouse: the local stack, where both are {@code backbone}. */
    public EtlSettings(Map<ShardId, String> shardJdbcUrls, String warehouseJdbcUrl, String user, String password, int parallelism) {
        this(shardJdbcUrls, warehouseJdbcUrl, user, password, user, password, parallelism);
    }

    private static void requirePostgresUrl(String key, String url) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(key + " must be a jdbc:postgresql:// URL, but was '" + url + "'");
        }
    }

    private static void requireUser(String key, String user) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException(key + " must be set");
        }
    }

    /** For logs: the passwords are redacted. */
    @Override
    public String toString() {
        return "EtlSettings[shards=" + shardJdbcUrls + ", warehouse=" + warehouseJdbcUrl + ", shardUser=" + shardUser + ", shardPassword="
                + redacted(shardPassword) + ", warehouseUser=" + warehouseUser + ", warehousePassword=" + redacted(warehousePassword)
                + ", parallelism=" + parallelism + "]";
    }

    private static String redacted(String password) {
        return password.isEmpty() ? "" : "***";
    }
}
