package dev.backbone.cli;

import dev.backbone.etl.batch.EtlSettings;
import dev.backbone.etl.recon.ReconSettings;
import dev.backbone.index.IndexKeys;
import dev.backbone.index.RedisCredentials;
import dev.backbone.sharding.ShardId;
import dev.backbone.topology.StreamsSettings;
import dev.backbone.topology.app.ConfigSource;
import dev.backbone.topology.app.KafkaSecurity;
import dev.backbone.topology.app.ShardJdbcUrls;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster mode of {@code reconcile} and {@code etl} (the Kubernetes CronJobs, docs/deploy.md): every
 * address and credential comes from {@code backbone.*} keys instead of the local stack's layout, read
 * as the Streams app reads its own ({@link ConfigSource}: a {@code -D} system property, else the
 * environment variable {@link ConfigSource#envName}), so neither command needs the checkout.
 *
 * <p>Cluster mode is on when any key under {@link #NAMESPACES} is set; then every key the command
 * needs must be set and valid, checked here before anything is read, each error naming the key, its
 * variable and the fix. With none set the commands act on the local stack exactly as before — a
 * half-configured job fails instead of silently reaching for 127.0.0.1. No properties file: a
 * developer's {@code BACKBONE_CONFIG_FILE} for the Streams app must not switch the CLI into cluster
 * mode. Keys and Secrets: docs/reconciliation.md and docs/warehouse.md, "Cluster mode".
 */
final class ClusterConfig {

    // The names shared with the Streams app (backbone.shard.*, backbone.redis.*, backbone.index.key-prefix,
    // backbone.kafka.*) are spelt as AppConfig spells them; AppContractTest checks both sources agree.
    static final String SHARD_USER = "backbone.shard.user";
    static final String SHARD_PASSWORD = "backbone.shard.password";
    static final String WAREHOUSE_JDBC_URL = "backbone.warehouse.jdbc-url";
    static final String WAREHOUSE_USER = "backbone.warehouse.user";
    static final String WAREHOUSE_PASSWORD = "backbone.warehouse.password";
    static final String REDIS_SENTINEL_URI = "backbone.redis.sentinel-uri";
    static final String REDIS_USERNAME = "backbone.redis.username";
    static final String REDIS_PASSWORD = "backbone.redis.password";
    static final String REDIS_SENTINEL_PASSWORD = "backbone.redis.sentinel-password";
    static final String INDEX_KEY_PREFIX = "backbone.index.key-prefix";
    /** The Streams app names its brokers {@code backbone.streams.bootstrap-servers}; reconciliation is no Streams client. */
    static final String KAFKA_BOOTSTRAP_SERVERS = "backbone.kafka.bootstrap-servers";
    // backbone.kafka.security-protocol, sasl-mechanism, username, password, ca-file: KafkaSecurity.from reads them.
    /**
     * The Streams app's own key, read as the app reads it: the log and ledger checks read the app's state
     * changelogs, named after its application id. Optional (the app's default); not a cluster-mode switch.
     */
    static final String STREAMS_APPLICATION_ID = "backbone.streams.application-id";

    /** Any key under one of these switches cluster mode on. */
    static final List<String> NAMESPACES =
            List.of("backbone.shard.", "backbone.warehouse.", "backbone.redis.", "backbone.index.", "backbone.kafka.");

    private static final String JDBC_EXAMPLE = "jdbc:postgresql://HOST:5432/backbone?sslmode=verify-full&sslrootcert=/etc/postgres-ca/ca.crt";
    private static final Pattern SSL_ROOT_CERT = Pattern.compile("[?&]sslrootcert=([^&]+)");

    private final ConfigSource source;

    private ClusterConfig(ConfigSource source) {
        this.source = source;
    }

    /** Cluster mode from this process's system properties and environment; empty = the local stack. */
    static Optional<ClusterConfig> ofProcess() {
        return detect(new ConfigSource(System.getProperties(), System.getenv(), new Properties()));
    }

    /** Cluster mode when any key under {@link #NAMESPACES} is set in {@code source}. */
    static Optional<ClusterConfig> detect(ConfigSource source) {
        return NAMESPACES.stream().anyMatch(source::anyUnder) ? Optional.of(new ClusterConfig(source)) : Optional.empty();
    }

    /** Both commands' databases: the shards and the warehouse, each with its own user. */
    private record Databases(Map<ShardId, String> shardJdbcUrls, String shardUser, String shardPassword, String warehouseJdbcUrl,
                             String warehouseUser, String warehousePassword) {
    }

    /** What {@code etl} needs: the shards and the warehouse. */
    EtlSettings etlSettings(int parallelism) {
        Databases db = databases();
        return new EtlSettings(db.shardJdbcUrls(), db.warehouseJdbcUrl(), db.shardUser(), db.shardPassword(), db.warehouseUser(),
                db.warehousePassword(), parallelism);
    }

    /**
     * What {@code reconcile} needs besides Kafka: shards, warehouse and the Redis index.
     *
     * @param keyPrefixFlag {@code --key-prefix}, or null; it must agree with {@code backbone.index.key-prefix} when both are given
     */
    ReconSettings reconSettings(String keyPrefixFlag) {
        Databases db = databases();
        RedisCredentials credentials = RedisCredentials.fromSettings("backbone.redis.", source.string(REDIS_USERNAME, ""),
                source.string(REDIS_PASSWORD, ""), source.string(REDIS_SENTINEL_PASSWORD, ""));
        return new ReconSettings(db.shardJdbcUrls(), db.warehouseJdbcUrl(), db.shardUser(), db.shardPassword(), db.warehouseUser(),
                db.warehousePassword(), redisSentinelUri(),
                credentials, indexKeyPrefix(keyPrefixFlag), ReconSettings.DEFAULT_REDIS_TIMEOUT);
    }

    /** Kafka's bootstrap servers for the log and ledger checks. */
    String kafkaBootstrapServers() {
        return source.required(KAFKA_BOOTSTRAP_SERVERS, "backbone-kafka-bootstrap:9093");
    }

    /**
     * The Streams app's application id, whose state changelogs the log and ledger checks read.
     *
     * @param flag {@code --application-id}, or null; it must agree with {@code backbone.streams.application-id} when both are given
     */
    String streamsApplicationId(String flag) {
        return flagOrKey("--application-id", flag, STREAMS_APPLICATION_ID, StreamsSettings.DEFAULT_APPLICATION_ID, "application id");
    }

    /** TLS and SASL of reconciliation's consumer: the Streams app's {@code backbone.kafka.*} keys. */
    KafkaSecurity kafkaSecurity() {
        return KafkaSecurity.from(source);
    }

    private Databases databases() {
        return new Databases(shardJdbcUrls(), source.required(SHARD_USER, "backbone"), source.required(SHARD_PASSWORD, "…"),
                jdbcUrl(WAREHOUSE_JDBC_URL, source.required(WAREHOUSE_JDBC_URL, JDBC_EXAMPLE)), source.required(WAREHOUSE_USER, "backbone"),
                source.required(WAREHOUSE_PASSWORD, "…"));
    }

    /** {@code backbone.shard.0.jdbc-url}, … in shard order, read as the Streams app reads them (gaps fail). */
    private Map<ShardId, String> shardJdbcUrls() {
        List<String> urls = ShardJdbcUrls.read(source);
        Map<ShardId, String> byShard = new LinkedHashMap<>();
        for (int shard = 0; shard < urls.size(); shard++) {
            byShard.put(new ShardId(shard), jdbcUrl(ShardJdbcUrls.key(shard), urls.get(shard)));
        }
        return byShard;
    }

    /**
     * {@code url}, the value of {@code key}, if it is a PostgreSQL URL: no password in it (URLs are
     * logged; the password has its own key) and, when it names an {@code sslrootcert}, a CA file that
     * is there — a missing mount fails now, not at the first connection.
     */
    private static String jdbcUrl(String key, String url) {
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            throw new IllegalArgumentException(ConfigSource.named(key) + " carries a password: drop it from the URL (URLs are"
                    + " logged) and set the database user's password key instead");
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(ConfigSource.named(key) + " must be a URL like " + JDBC_EXAMPLE + " but was '" + url + "'");
        }
        Matcher cert = SSL_ROOT_CERT.matcher(url);
        if (cert.find() && !Files.isReadable(Path.of(cert.group(1)))) {
            throw new IllegalArgumentException(ConfigSource.named(key) + " names sslrootcert " + cert.group(1) + ", which is not a"
                    + " readable file: mount the database's CA certificate (PEM; Secret shard-<i>-ca or warehouse-ca, key ca.crt) there");
        }
        return url;
    }

    /** The Sentinels' URI, without credentials: Lettuce gives URI credentials to the data node only, and the URI is logged. */
    private String redisSentinelUri() {
        String uri = source.required(REDIS_SENTINEL_URI, "redis-sentinel://redis-sentinel:26379?sentinelMasterId=mymaster");
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(ConfigSource.named(REDIS_SENTINEL_URI) + " must be a Redis URI like"
                    + " redis-sentinel://host:26379?sentinelMasterId=mymaster but was '" + uri + "'", e);
        }
        if (parsed.getPassword() != null || parsed.getUsername() != null) {
            throw new IllegalArgumentException(ConfigSource.named(REDIS_SENTINEL_URI) + " carries credentials: drop them from the"
                    + " URI and set " + ConfigSource.named(REDIS_USERNAME) + ", " + ConfigSource.named(REDIS_PASSWORD) + " and "
                    + ConfigSource.named(REDIS_SENTINEL_PASSWORD));
        }
        return uri;
    }

    private String indexKeyPrefix(String flag) {
        return flagOrKey("--key-prefix", flag, INDEX_KEY_PREFIX, IndexKeys.DEFAULT_PREFIX, "prefix");
    }

    /**
     * A setting a command takes both as a flag and as a key: the flag, else the key, else
     * {@code defaultValue}; a flag that contradicts the key fails, naming both ({@code what} names the setting).
     */
    private String flagOrKey(String flagName, String flag, String keyName, String defaultValue, String what) {
        Optional<String> key = source.get(keyName);
        if (flag != null && key.isPresent() && !flag.equals(key.get())) {
            throw new IllegalArgumentException(flagName + " " + flag + " contradicts " + ConfigSource.named(keyName) + " "
                    + key.get() + ": give the " + what + " once");
        }
        return flag != null ? flag : key.orElse(defaultValue);
    }
}
