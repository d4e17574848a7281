package dev.backbone.etl.batch;

import dev.backbone.sharding.ShardId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the batch ETL reads and writes. Validated on construction; every error names the setting.
 *
 * @param shardJdbcUrls  each shard's pgjdbc URL (use the multi-host URL, so a promoted standby is found)
 * @param warehouseJdbcUrl the warehouse's pgjdbc URL
 * @param user           database user for shards and warehouse
 * @param password       its password (may be empty for trust authentication)
 * @param parallelism    how many shards load at once, 1..32
 */
public record EtlSettings(Map<ShardId, String> shardJdbcUrls, String warehouseJdbcUrl, String user, String password,
                          int parallelism) {

    public static final int DEFAULT_PARALLELISM = 4;

    public EtlSettings {
        if (shardJdbcUrls == null || shardJdbcUrls.isEmpty()) {
            throw new IllegalArgumentException("etl.shards must name at least one shard JDBC URL");
        }
        shardJdbcUrls.forEach((shard, url) -> requirePostgresUrl("etl.shards." + shard, url));
        requirePostgresUrl("etl.warehouse.url", warehouseJdbcUrl);
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("etl.user must be set");
        }
        if (parallelism < 1 || parallelism > 32) {
            throw new IllegalArgumentException("etl.parallelism must be between 1 and 32, but was " + parallelism);
        }
        shardJdbcUrls = Map.copyOf(new TreeMap<>(shardJdbcUrls));
        password = password == null ? "" : password;
    }

    private static void requirePostgresUrl(String key, String url) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(key + " must be a jdbc:postgresql:// URL, but was '" + url + "'");
        }
    }
}
