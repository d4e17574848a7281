package dev.backbone.stack;

import dev.backbone.sharding.ShardId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Where every part of the local stack lives: the single source of truth for ports, folders and the
 * shard count. Every port is a fixed base plus {@code portOffset}, so a second stack (the test kit's)
 * can run beside a developer's {@code ./backbone up} without colliding.
 *
 * @param projectRoot the repository root (holds {@code infra/topics.yaml})
 * @param runtimeDir  the git-ignored folder that holds all state, logs and pid files of this stack
 * @param portOffset  added to every base port; 0 for {@code ./backbone up}
 * @param shardCount  number of PostgreSQL shards (each a primary plus a standby)
 */
public record StackLayout(Path projectRoot, Path runtimeDir, int portOffset, int shardCount) {

    public static final int KAFKA_NODES = 3;
    public static final int MAX_SHARDS = 16;
    public static final int DEFAULT_SHARDS = 2;
    public static final List<String> RACKS = List.of("az-a", "az-b", "az-c");

    static final int KAFKA_BROKER_BASE_PORT = 19092;
    // The links between nodes and from the Streams apps go through the link relay (see
    // dev.backbone.stack.net.NetworkLinks): a broker's own listener ports, then the relays' ports.
    static final int KAFKA_REPLICATION_BASE_PORT = 19300;
    static final int KAFKA_APPS_BASE_PORT = 19310;
    static final int REPLICATION_LINK_BASE_PORT = 19320;
    static final int CONTROLLER_LINK_BASE_PORT = 19330;
    static final int APPS_LINK_BASE_PORT = 19340;
    static final int LINK_CONTROL_PORT = 19350;
    static final int KAFKA_CONTROLLER_BASE_PORT = 19360;
    static final int FAILOVER_MONITOR_POOL_PORT = 15429;
    static final int WAREHOUSE_PORT = 15430;
    static final int FAILOVER_MONITOR_PORT = 15431;
    static final int SHARD_BASE_PORT = 15432;
    static final int REDIS_PRIMARY_PORT = 16379;
    static final int REDIS_REPLICA_PORT = 16380;
    static final int SENTINEL_BASE_PORT = 26379;
    static final int SENTINELS = 3;
    static final int STREAMS_HEALTH_BASE_PORT = 18081;
    static final int QUERY_SERVICE_PORT = 18085;
    /** Streams app instances a local stack can run at once (each has its own health port and state folder). */
    public static final int MAX_STREAMS_INSTANCES = 4;

    public static final String REDIS_MASTER_NAME = "mymaster";
    public static final String DATABASE = "backbone";
    public static final String DATABASE_USER = "backbone";

    public StackLayout {
        if (projectRoot == null || !Files.isRegularFile(projectRoot.resolve("infra/topics.yaml"))) {
            throw new IllegalArgumentException("projectRoot must be the Backbone repository root (with infra/topics.yaml), but was "
                    + projectRoot + "; set -Dbackbone.root or BACKBONE_ROOT");
        }
        if (runtimeDir == null) {
            throw new IllegalArgumentException("runtimeDir must be set");
        }
        if (portOffset < 0 || portOffset > 20_000) {
            throw new IllegalArgumentException("portOffset must be between 0 and 20000, but was " + portOffset);
        }
        if (shardCount < 1 || shardCount > MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be between 1 and " + MAX_SHARDS + ", but was " + shardCount);
        }
        projectRoot = projectRoot.toAbsolutePath().normalize();
        runtimeDir = runtimeDir.toAbsolutePath().normalize();
    }

    /** The layout of {@code ./backbone up}: default ports, state in {@code <root>/.runtime/stack}. */
    public static StackLayout developer(Path projectRoot, int shardCount) {
        return new StackLayout(projectRoot, projectRoot.resolve(".runtime/stack"), 0, shardCount);
    }

    /** Port offset of integration-test stacks unless told otherwise. */
    public static final int TEST_PORT_OFFSET = 1000;

    /** The layout of an integration-test stack: ports shifted by {@code offset}, state in {@code .runtime/it-<offset>}. */
    public static StackLayout integrationTest(Path projectRoot, int offset, int shardCount) {
        return new StackLayout(projectRoot, projectRoot.resolve(".runtime/it-" + offset), offset, shardCount);
    }

    public Path topicsFile() {
        return projectRoot.resolve("infra/topics.yaml");
    }

    public Path kafkaLibDir() {
        return projectRoot.resolve("infra/kafka-server/target/lib");
    }

    public Path shardingConfigFile() {
        return runtimeDir.resolve("sharding.yaml");
    }

    public List<Integer> kafkaNodeIds() {
        return IntStream.range(0, KAFKA_NODES).boxed().toList();
    }

    public int kafkaBrokerPort(int nodeId) {
        return KAFKA_BROKER_BASE_PORT + checkNode(nodeId) + portOffset;
    }

    /**
     * Port of the controller listener {@code nodeId} opens for {@code fromNode} (KRaft votes and
     * fetches, broker heartbeats): one listener per peer, like replication, so each peer reaches it
     * over a link of its own; {@code fromNode == nodeId} is the node's own.
     */
    public int kafkaControllerPort(int nodeId, int fromNode) {
        return KAFKA_CONTROLLER_BASE_PORT + KAFKA_NODES * checkNode(nodeId) + checkNode(fromNode) + portOffset;
    }

    /**
     * Port of the replication listener {@code nodeId} opens for fetches from {@code fromNode}: one
     * listener per peer, so that each peer reaches it over a link of its own.
     */
    public int kafkaReplicationPort(int nodeId, int fromNode) {
        return KAFKA_REPLICATION_BASE_PORT + KAFKA_NODES * checkNode(nodeId) + checkNode(fromNode) + portOffset;
    }

    /** Port of the listener {@code nodeId} opens for the Streams apps (reached through their link). */
    public int kafkaAppsPort(int nodeId) {
        return KAFKA_APPS_BASE_PORT + checkNode(nodeId) + portOffset;
    }

    /** Relay port of the replication link from {@code fromNode} to {@code toNode}. */
    public int replicationLinkPort(int fromNode, int toNode) {
        return REPLICATION_LINK_BASE_PORT + KAFKA_NODES * checkNode(toNode) + checkNode(fromNode) + portOffset;
    }

    /** Relay port of the controller (KRaft quorum and broker heartbeat) link from {@code fromNode} to {@code toNode}. */
    public int controllerLinkPort(int fromNode, int toNode) {
        return CONTROLLER_LINK_BASE_PORT + KAFKA_NODES * checkNode(toNode) + checkNode(fromNode) + portOffset;
    }

    /** Relay port of the link from the Streams apps to {@code nodeId}. */
    public int appsLinkPort(int nodeId) {
        return APPS_LINK_BASE_PORT + checkNode(nodeId) + portOffset;
    }

    /** Control port of the link relay (cut, heal, status). */
    public int linkControlPort() {
        return LINK_CONTROL_PORT + portOffset;
    }

    public String kafkaRack(int nodeId) {
        return RACKS.get(checkNode(nodeId));
    }

    public String bootstrapServers() {
        return String.join(",", kafkaNodeIds().stream().map(id -> "127.0.0.1:" + kafkaBrokerPort(id)).toList());
    }

    /**
     * Bootstrap server of a client placed in {@code nodeId}'s zone: that node's own replication
     * listener. Its metadata names the other nodes at the relay ports of {@code nodeId}'s links, so
     * the client reaches exactly what {@code nodeId} reaches, and loses the nodes a drill cuts it off.
     */
    public String zoneBootstrapServers(int nodeId) {
        return "127.0.0.1:" + kafkaReplicationPort(nodeId, nodeId);
    }

    /**
     * Bootstrap servers for the Streams apps: their own links, so a drill can cut the apps off
     * Kafka while producers and the rest keep their direct route.
     */
    public String appsBootstrapServers() {
        return String.join(",", kafkaNodeIds().stream().map(id -> "127.0.0.1:" + appsLinkPort(id)).toList());
    }

    public int warehousePort() {
        return WAREHOUSE_PORT + portOffset;
    }

    /** Port of the pg_auto_failover monitor (its own PostgreSQL) that fails the shards over. */
    public int failoverMonitorPort() {
        return FAILOVER_MONITOR_PORT + portOffset;
    }

    /** Port of PgBouncer in front of the failover monitor: the keepers' way to the monitor. */
    public int failoverMonitorPoolPort() {
        return FAILOVER_MONITOR_POOL_PORT + portOffset;
    }

    /** Port of the shard's first node ({@code member} 0) or second node ({@code member} 1). */
    public int shardNodePort(int shard, int member) {
        if (shard < 0 || shard >= shardCount || member < 0 || member > 1) {
            throw new IllegalArgumentException("no shard node " + shard + "/" + member + " in a " + shardCount + "-shard layout");
        }
        return SHARD_BASE_PORT + 2 * shard + member + portOffset;
    }

    /**
     * The pgjdbc multi-host URL of a shard: both nodes, {@code targetServerType=primary}, so a promoted
     * standby is found without any configuration change.
     */
    public String shardJdbcUrl(int shard) {
        return "jdbc:postgresql://127.0.0.1:" + shardNodePort(shard, 0) + ",127.0.0.1:" + shardNodePort(shard, 1)
                + "/" + DATABASE + "?targetServerType=primary&connectTimeout=3&socketTimeout=30&loginTimeout=5";
    }

    /** Every shard's multi-host URL, by shard, in shard order. */
    public Map<ShardId, String> shardJdbcUrls() {
        Map<ShardId, String> urls = new LinkedHashMap<>();
        for (int shard = 0; shard < shardCount; shard++) {
            urls.put(new ShardId(shard), shardJdbcUrl(shard));
        }
        return urls;
    }

    public String warehouseJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + warehousePort() + "/" + DATABASE + "?connectTimeout=3&loginTimeout=5";
    }

    public int redisPrimaryPort() {
        return REDIS_PRIMARY_PORT + portOffset;
    }

    public int redisReplicaPort() {
        return REDIS_REPLICA_PORT + portOffset;
    }

    public List<Integer> sentinelPorts() {
        return IntStream.range(0, SENTINELS).map(i -> SENTINEL_BASE_PORT + i + portOffset).boxed().toList();
    }

    /** Lettuce URI that finds the current Redis primary through the three Sentinels. */
    public String redisSentinelUri() {
        StringBuilder uri = new StringBuilder("redis-sentinel://");
        uri.append(String.join(",", sentinelPorts().stream().map(p -> "127.0.0.1:" + p).toList()));
        return uri.append("?sentinelMasterId=").append(REDIS_MASTER_NAME).toString();
    }

    /** Health port of Streams app instance {@code instance} (0 = the first; the demo and drills start more). */
    public int streamsHealthPort(int instance) {
        if (instance < 0 || instance >= MAX_STREAMS_INSTANCES) {
            throw new IllegalArgumentException("Streams app instance must be 0.." + (MAX_STREAMS_INSTANCES - 1) + ", but was " + instance);
        }
        return STREAMS_HEALTH_BASE_PORT + instance + portOffset;
    }

    /** HTTP port of the query service the demo and the drills start. */
    public int queryServicePort() {
        return QUERY_SERVICE_PORT + portOffset;
    }

    private static int checkNode(int nodeId) {
        if (nodeId < 0 || nodeId >= KAFKA_NODES) {
            throw new IllegalArgumentException("Kafka node id must be 0.." + (KAFKA_NODES - 1) + ", but was " + nodeId);
        }
        return nodeId;
    }
}
