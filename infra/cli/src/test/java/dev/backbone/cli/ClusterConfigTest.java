package dev.backbone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.etl.batch.EtlSettings;
import dev.backbone.etl.recon.ReconSettings;
import dev.backbone.index.IndexKeys;
import dev.backbone.sharding.ShardId;
import dev.backbone.topology.app.ConfigSource;
import dev.backbone.topology.app.KafkaSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cluster mode reads every address and credential from backbone.* keys, validates them all up front and never prints a password. */
class ClusterConfigTest {

    @TempDir
    Path certs;

    private Map<String, String> env;

    /** What the reconciliation CronJob sets (k8s/base/jobs/reconciliation.yaml), with the CA files in a temp folder. */
    @BeforeEach
    void givenTheCronJobsEnvironment() throws IOException {
        Path shard0 = Files.writeString(certs.resolve("shard-0.crt"), "pem");
        Path shard1 = Files.writeString(certs.resolve("shard-1.crt"), "pem");
        Path warehouse = Files.writeString(certs.resolve("warehouse.crt"), "pem");
        Path kafka = Files.writeString(certs.resolve("kafka.crt"), "pem");
        env = new HashMap<>();
        env.put("BACKBONE_SHARD_0_JDBC_URL", "jdbc:postgresql://shard-0-rw:5432/backbone?sslmode=verify-full&sslrootcert=" + shard0);
        env.put("BACKBONE_SHARD_1_JDBC_URL", "jdbc:postgresql://shard-1-rw:5432/backbone?sslmode=verify-full&sslrootcert=" + shard1);
        env.put("BACKBONE_SHARD_USER", "backbone");
        env.put("BACKBONE_SHARD_PASSWORD", "shard-secret");
        env.put("BACKBONE_WAREHOUSE_JDBC_URL", "jdbc:postgresql://warehouse-rw:5432/backbone?sslmode=verify-full&sslrootcert=" + warehouse);
        env.put("BACKBONE_WAREHOUSE_USER", "warehouse-owner");
        env.put("BACKBONE_WAREHOUSE_PASSWORD", "warehouse-secret");
        env.put("BACKBONE_REDIS_SENTINEL_URI", "redis-sentinel://redis-sentinel:26379?sentinelMasterId=mymaster");
        env.put("BACKBONE_REDIS_USERNAME", "reconciliation");
        env.put("BACKBONE_REDIS_PASSWORD", "redis-secret");
        env.put("BACKBONE_REDIS_SENTINEL_PASSWORD", "sentinel-secret");
        env.put("BACKBONE_INDEX_KEY_PREFIX", "backbone:idx:");
        env.put("BACKBONE_KAFKA_BOOTSTRAP_SERVERS", "backbone-kafka-bootstrap:9093");
        env.put("BACKBONE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("BACKBONE_KAFKA_USERNAME", "reconciliation");
        env.put("BACKBONE_KAFKA_PASSWORD", "kafka-secret");
        env.put("BACKBONE_KAFKA_CA_FILE", kafka.toString());
    }

    @Test
    void shouldTakeEveryAddressAndCredentialFromTheKeys() {
        ClusterConfig config = cluster(env);

        ReconSettings recon = config.reconSettings(null);
        assertThat(recon.shardJdbcUrls()).containsOnlyKeys(new ShardId(0), new ShardId(1));
        assertThat(recon.shardJdbcUrls().get(new ShardId(1))).startsWith("jdbc:postgresql://shard-1-rw:5432/backbone?sslmode=verify-full");
        assertThat(recon.warehouseJdbcUrl()).startsWith("jdbc:postgresql://warehouse-rw:5432/");
        assertThat(recon.shardUser()).isEqualTo("backbone");
        assertThat(recon.shardPassword()).isEqualTo("shard-secret");
        assertThat(recon.warehouseUser()).isEqualTo("warehouse-owner");
        assertThat(recon.warehousePassword()).isEqualTo("warehouse-secret");
        assertThat(recon.redisUri()).isEqualTo("redis-sentinel://redis-sentinel:26379?sentinelMasterId=mymaster");
        assertThat(recon.redisCredentials().username()).isEqualTo("reconciliation");
        assertThat(recon.redisCredentials().password()).isEqualTo("redis-secret");
        assertThat(recon.redisCredentials().sentinelPassword()).isEqualTo("sentinel-secret");
        assertThat(recon.indexKeyPrefix()).isEqualTo("backbone:idx:");
        assertThat(config.kafkaBootstrapServers()).isEqualTo("backbone-kafka-bootstrap:9093");
        KafkaSecurity kafka = config.kafkaSecurity();
        assertThat(kafka.protocol()).isEqualTo(KafkaSecurity.Protocol.SASL_SSL);
        assertThat(kafka.saslMechanism()).isEqualTo(KafkaSecurity.DEFAULT_SASL_MECHANISM);
        assertThat(kafka.username()).isEqualTo("reconciliation");
        assertThat(kafka.caFile()).contains(certs.resolve("kafka.crt"));

        EtlSettings etl = config.etlSettings(3);
        assertThat(etl.shardJdbcUrls()).isEqualTo(recon.shardJdbcUrls());
        assertThat(etl.warehouseUser()).isEqualTo("warehouse-owner");
        assertThat(etl.shardUser()).isEqualTo("backbone");
        assertThat(etl.parallelism()).isEqualTo(3);
    }

    @Test
    void shouldPreferASystemPropertyOverTheEnvironment() {
        Properties system = new Properties();
        system.setProperty("backbone.warehouse.user", "from-property");
        ClusterConfig config = ClusterConfig.detect(new ConfigSource(system, env, new Properties())).orElseThrow();

        assertThat(config.etlSettings(1).warehouseUser()).isEqualTo("from-property");
    }

    @Test
    void shouldLetTheEtlJobLeaveOutRedisAndKafka() {
        env.keySet().removeIf(name -> name.startsWith("BACKBONE_REDIS_") || name.startsWith("BACKBONE_KAFKA_")
                || name.startsWith("BACKBONE_INDEX_"));

        assertThat(cluster(env).etlSettings(4).shardJdbcUrls()).hasSize(2);
    }

    @Test
    void shouldDefaultTheKeyPrefixAndRejectAFlagThatContradictsTheKey() {
        assertThat(cluster(env).reconSettings("backbone:idx:").indexKeyPrefix()).isEqualTo("backbone:idx:");
        assertThatThrownBy(() -> cluster(env).reconSettings("other:"))
                .hasMessage("--key-prefix other: contradicts backbone.index.key-prefix (env BACKBONE_INDEX_KEY_PREFIX) backbone:idx:"
                        + ": give the prefix once");

        env.remove("BACKBONE_INDEX_KEY_PREFIX");
        assertThat(cluster(env).reconSettings(null).indexKeyPrefix()).isEqualTo(IndexKeys.DEFAULT_PREFIX);
        assertThat(cluster(env).reconSettings("other:").indexKeyPrefix()).isEqualTo("other:");
    }

    @Test
    void shouldReadTheStreamsAppsApplicationIdAsTheAppDoesDefaultingToItsDefaultAndRejectAContradictingFlag() {
        assertThat(cluster(env).streamsApplicationId(null)).isEqualTo("backbone-topology");
        assertThat(cluster(env).streamsApplicationId("drill-7")).isEqualTo("drill-7");

        env.put("BACKBONE_STREAMS_APPLICATION_ID", "backbone-blue");
        assertThat(cluster(env).streamsApplicationId(null)).isEqualTo("backbone-blue");
        assertThat(cluster(env).streamsApplicationId("backbone-blue")).isEqualTo("backbone-blue");
        assertThatThrownBy(() -> cluster(env).streamsApplicationId("drill-7"))
                .hasMessage("--application-id drill-7 contradicts backbone.streams.application-id (env BACKBONE_STREAMS_APPLICATION_ID)"
                        + " backbone-blue: give the application id once");
    }

    @Test
    void shouldNotSwitchClusterModeOnForTheStreamsAppsApplicationIdAlone() {
        assertThat(ClusterConfig.detect(new ConfigSource(new Properties(), Map.of("BACKBONE_STREAMS_APPLICATION_ID", "x"),
                new Properties()))).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // When cluster mode is on

    @Test
    void shouldStayLocalWithoutClusterKeysEvenWhenTheLauncherSetsOtherBackboneProperties() {
        Properties system = new Properties();
        system.setProperty("backbone.root", "/work/checkout"); // ./backbone passes it
        assertThat(ClusterConfig.detect(new ConfigSource(system, Map.of("BACKBONE_ROOT", "/x", "PATH", "/bin"), new Properties())))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BACKBONE_SHARD_3_JDBC_URL", "BACKBONE_SHARD_USER", "BACKBONE_WAREHOUSE_JDBC_URL", "BACKBONE_REDIS_PASSWORD",
        "BACKBONE_INDEX_KEY_PREFIX", "BACKBONE_KAFKA_SECURITY_PROTOCOL"})
    void shouldSwitchToClusterModeOnAnySingleKeySoAHalfConfiguredJobFailsInsteadOfUsingTheLocalStack(String variable) {
        Map<String, String> one = Map.of(variable, "x");

        assertThat(ClusterConfig.detect(new ConfigSource(new Properties(), one, new Properties()))).isPresent();
    }

    @Test
    void shouldSwitchToClusterModeOnASystemPropertyToo() {
        Properties system = new Properties();
        system.setProperty("backbone.shard.0.jdbc-url", "jdbc:postgresql://h/b");

        assertThat(ClusterConfig.detect(new ConfigSource(system, Map.of(), new Properties()))).isPresent();
    }

    // ---------------------------------------------------------------------------------------------
    // Missing and bad keys: named with their variable and the fix

    @ParameterizedTest
    @ValueSource(strings = {"backbone.shard.0.jdbc-url", "backbone.shard.user", "backbone.shard.password", "backbone.warehouse.jdbc-url",
        "backbone.warehouse.user", "backbone.warehouse.password", "backbone.redis.sentinel-uri"})
    void shouldNameEachMissingKeyItsVariableAndHowToSetIt(String key) {
        env.remove(ConfigSource.envName(key));
        if (key.startsWith("backbone.shard.0")) {
            env.remove("BACKBONE_SHARD_1_JDBC_URL");
        }

        assertThatThrownBy(() -> cluster(env).reconSettings(null))
                .hasMessageContaining(key + " is not set: pass -D" + key + "=")
                .hasMessageContaining("set " + ConfigSource.envName(key));
    }

    @Test
    void shouldRequireKafkasAddressForTheLogCheck() {
        env.remove("BACKBONE_KAFKA_BOOTSTRAP_SERVERS");

        assertThatThrownBy(() -> cluster(env).kafkaBootstrapServers())
                .hasMessageContaining("backbone.kafka.bootstrap-servers is not set").hasMessageContaining("BACKBONE_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void shouldRejectAGapInTheShardNumbersNamingTheMissingOne() {
        env.put("BACKBONE_SHARD_3_JDBC_URL", env.get("BACKBONE_SHARD_1_JDBC_URL"));

        assertThatThrownBy(() -> cluster(env).etlSettings(1))
                .hasMessageStartingWith("shard JDBC URLs are set for shards [0, 1, 3] but not for shard 2: set backbone.shard.2.jdbc-url"
                        + " (env BACKBONE_SHARD_2_JDBC_URL)");
    }

    @Test
    void shouldRejectAUrlThatIsNotPostgres() {
        env.put("BACKBONE_WAREHOUSE_JDBC_URL", "jdbc:mysql://warehouse:3306/backbone");

        assertThatThrownBy(() -> cluster(env).etlSettings(1))
                .hasMessageStartingWith("backbone.warehouse.jdbc-url (env BACKBONE_WAREHOUSE_JDBC_URL) must be a URL like jdbc:postgresql://")
                .hasMessageEndingWith("but was 'jdbc:mysql://warehouse:3306/backbone'");
    }

    @Test
    void shouldRejectAPasswordInAUrlWithoutPrintingIt() {
        env.put("BACKBONE_SHARD_1_JDBC_URL", "jdbc:postgresql://shard-1-rw:5432/backbone?user=backbone&Password=leaked");

        assertThatThrownBy(() -> cluster(env).etlSettings(1))
                .hasMessageStartingWith("backbone.shard.1.jdbc-url (env BACKBONE_SHARD_1_JDBC_URL) carries a password")
                .hasMessageNotContaining("leaked");
    }

    @Test
    void shouldRejectAnSslRootCertThatIsNotMounted() {
        env.put("BACKBONE_SHARD_0_JDBC_URL", "jdbc:postgresql://shard-0-rw:5432/backbone?sslmode=verify-full&sslrootcert=/nowhere/ca.crt");

        assertThatThrownBy(() -> cluster(env).etlSettings(1))
                .hasMessageStartingWith("backbone.shard.0.jdbc-url (env BACKBONE_SHARD_0_JDBC_URL) names sslrootcert /nowhere/ca.crt,"
                        + " which is not a readable file: mount");
    }

    @Test
    void shouldRejectABadRedisUriAndOneCarryingCredentials() {
        env.put("BACKBONE_REDIS_SENTINEL_URI", "not a uri");
        assertThatThrownBy(() -> cluster(env).reconSettings(null))
                .hasMessageStartingWith("backbone.redis.sentinel-uri (env BACKBONE_REDIS_SENTINEL_URI) must be a Redis URI like");

        env.put("BACKBONE_REDIS_SENTINEL_URI", "redis-sentinel://reconciliation:leaked@redis-sentinel:26379?sentinelMasterId=mymaster");
        assertThatThrownBy(() -> cluster(env).reconSettings(null))
                .hasMessageStartingWith("backbone.redis.sentinel-uri (env BACKBONE_REDIS_SENTINEL_URI) carries credentials")
                .hasMessageNotContaining("leaked");
    }

    @Test
    void shouldRejectARedisUserWithoutPassword() {
        env.remove("BACKBONE_REDIS_PASSWORD");

        assertThatThrownBy(() -> cluster(env).reconSettings(null)).hasMessageStartingWith("backbone.redis.username / backbone.redis.password:");
    }

    @Test
    void shouldRejectBadKafkaSecurityWithTheStreamsAppsRules() {
        env.put("BACKBONE_KAFKA_SECURITY_PROTOCOL", "TLS");
        assertThatThrownBy(() -> cluster(env).kafkaSecurity()).hasMessageContaining("backbone.kafka.security-protocol must be one of");

        env.put("BACKBONE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.remove("BACKBONE_KAFKA_PASSWORD");
        assertThatThrownBy(() -> cluster(env).kafkaSecurity()).hasMessageContaining("needs backbone.kafka.username and backbone.kafka.password");
    }

    // ---------------------------------------------------------------------------------------------
    // Redaction

    @Test
    void shouldNeverPrintAPassword() {
        ClusterConfig config = cluster(env);

        String printed = config.reconSettings(null) + " " + config.etlSettings(1) + " " + config.kafkaSecurity();

        assertThat(printed).contains("shardUser=backbone", "warehouseUser=warehouse-owner", "user=reconciliation", "as reconciliation")
                .doesNotContain("shard-secret", "warehouse-secret", "redis-secret", "sentinel-secret", "kafka-secret");
    }

    private static ClusterConfig cluster(Map<String, String> env) {
        return ClusterConfig.detect(new ConfigSource(new Properties(), env, new Properties())).orElseThrow();
    }
}
