package dev.backbone.stack;

import dev.backbone.stack.kafka.KafkaCluster;
import dev.backbone.stack.kafka.TopicApplier;
import dev.backbone.stack.kafka.TopicCatalog;
import dev.backbone.stack.net.NetworkLinks;
import dev.backbone.stack.postgres.MonitorConnectionPool;
import dev.backbone.stack.postgres.PgAutoFailover;
import dev.backbone.stack.postgres.PostgresFleet;
import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.postgres.Shard;
import dev.backbone.stack.postgres.ShardingConfig;
import dev.backbone.stack.process.ManagedProcesses;
import dev.backbone.stack.redis.RedisGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole local stack: Kafka and the links between its nodes, PostgreSQL shards and warehouse,
 * Redis with Sentinel. {@link #up}
 * is idempotent and reports progress per component; {@link #down} stops exactly the processes this
 * runtime folder recorded.
 */
public final class LocalStack {

    private final StackLayout layout;
    private final ManagedProcesses processes;
    private final KafkaCluster kafka;
    private final PostgresFleet postgres;
    private final RedisGroup redis;

    public LocalStack(StackLayout layout) {
        this.layout = layout;
        this.processes = new ManagedProcesses(layout.runtimeDir());
        this.kafka = new KafkaCluster(layout, processes);
        this.postgres = new PostgresFleet(layout, processes);
        this.redis = new RedisGroup(layout, processes);
    }

    public StackLayout layout() {
        return layout;
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    /** The relayed links between Kafka nodes and from the Streams apps, which drills cut. */
    public NetworkLinks links() {
        return kafka.links();
    }

    public PostgresFleet postgres() {
        return postgres;
    }

    public RedisGroup redis() {
        return redis;
    }

    /** Starts what is not running, in an order that overlaps Kafka's slow start with the rest. */
    public void up(Consumer<String> progress) {
        TopicCatalog catalog = TopicCatalog.load(layout.topicsFile());
        progress.accept("kafka: links between the nodes relayed by " + NetworkLinks.PROCESS_NAME + " (control port "
                + layout.linkControlPort() + ")");
        progress.accept("kafka: launching " + layout.kafkaNodeIds().size() + " KRaft nodes (racks " + StackLayout.RACKS + ")");
        kafka.launch();
        progress.accept("postgres: bringing up the pg_auto_failover monitor, " + layout.shardCount()
                + " shards (primary + standby, one formation each) and the warehouse");
        postgres.up(progress);
        writeShardingConfig();
        progress.accept("sharding: ShardingSphere config written to " + layout.shardingConfigFile());
        progress.accept("redis: primary, replica, 3 sentinels");
        redis.up();
        progress.accept("redis: ready, sentinels see primary on port " + redis.currentPrimaryPort().orElseThrow());
        kafka.awaitReady();
        progress.accept("kafka: 3 brokers registered, bootstrap " + layout.bootstrapServers());
        try (Admin admin = kafka.admin()) {
            new TopicApplier(admin).apply(catalog.topics())
                    .forEach(o -> progress.accept("topics: " + o.topic() + " " + o.action() + " (" + o.detail() + ")"));
        }
    }

    /**
     * Undoes injected faults: heals every cut link, restarts stopped or killed Kafka nodes, gives every shard a running
     * primary and standby again (restarts dead keepers: pg_auto_failover rewinds a former primary and
     * rejoins it as standby), and restarts dead Redis members.
     */
    public void heal() {
        healKafka();
        healPostgres();
        healRedis();
    }

    /** Restarts every Kafka node that is not running and waits until all are registered. */
    public void healKafka() {
        kafka.links().start();
        kafka.links().healAll();
        for (int id : kafka.nodeIds()) {
            if (!kafka.isRunning(id)) {
                kafka.start(id);
            }
        }
        kafka.awaitReady();
    }

    /** Gives every shard a running primary and standby again. */
    public void healPostgres() {
        for (Shard shard : postgres.shards()) {
            postgres.heal(shard);
        }
    }

    /** Restarts dead Redis servers and Sentinels; waits until the primary has its replica and Sentinel could fail over again. */
    public void healRedis() {
        for (RedisGroup.Member member : redis.members()) {
            if (!redis.isRunning(member)) {
                redis.start(member);
                redis.awaitPing(member);
            }
        }
        redis.awaitFailoverReady();
    }

    /** Stops every process recorded in this runtime folder, Kafka first so clients drain. */
    public List<String> down() {
        kafka.stopAll();
        redis.stopAll();
        postgres.stopAll();
        List<String> stopped = new ArrayList<>();
        for (String name : processes.recordedNames()) {
            // Anything recorded but not known above (e.g. from a layout with more shards) goes too.
            if (processes.stop(name, "TERM", Duration.ofSeconds(10))) {
                stopped.add(name);
            }
        }
        return stopped;
    }

    /** Deletes the runtime folder: every log and every byte of Kafka, PostgreSQL and Redis data. Call after {@link #down}. */
    public void purge() {
        Path dir = layout.runtimeDir();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    public List<ComponentStatus> status() {
        List<ComponentStatus> rows = new ArrayList<>();
        try (Admin admin = kafka.admin()) {
            OptionalInt leader = kafka.controllerLeader(admin);
            List<Integer> brokers = kafka.brokerIds(admin);
            for (int id : kafka.nodeIds()) {
                String role = "broker+controller " + layout.kafkaRack(id)
                        + (leader.isPresent() && leader.getAsInt() == id ? " (quorum leader)" : "");
                rows.add(row(KafkaCluster.processName(id), layout.kafkaBrokerPort(id), role, brokers.contains(id)));
            }
        }
        NetworkLinks links = kafka.links();
        boolean linksUp = links.isRunning();
        Set<String> cut = linksUp ? links.cutLinks() : Set.of();
        rows.add(row(NetworkLinks.PROCESS_NAME, layout.linkControlPort(),
                cut.isEmpty() ? "link relay" : "link relay, cut: " + String.join(", ", cut), linksUp));
        rows.add(row(PgAutoFailover.MONITOR_NAME, postgres.monitor().port(), "pg_auto_failover monitor",
                postgres.monitor().answers()));
        rows.add(row(MonitorConnectionPool.NAME, postgres.monitor().pool().port(), "PgBouncer: keepers to the monitor",
                postgres.monitor().pool().answers()));
        for (PostgresNode node : postgres.allNodes()) {
            PostgresNode.Role role = node.role();
            String described = role.name().toLowerCase(Locale.ROOT) + node.failoverState()
                    .map(s -> " (pg_auto_failover: " + (s.current().equals(s.assigned()) ? s.current()
                            : s.current() + " -> " + s.assigned()) + ")").orElse("");
            rows.add(row(node.name(), node.port(), described, role != PostgresNode.Role.DOWN));
        }
        for (RedisGroup.Member member : redis.members()) {
            String role = redis.role(member);
            rows.add(row(member.name(), member.port(), role, !"down".equals(role)));
        }
        return rows;
    }

    private ComponentStatus row(String name, int port, String role, boolean healthy) {
        long pid = processes.running(name).map(ProcessHandle::pid).orElse(-1L);
        return new ComponentStatus(name, pid, port, role, healthy && pid > 0);
    }

    public Path logFile(String name) {
        return processes.logFile(name);
    }

    public ManagedProcesses processes() {
        return processes;
    }

    /** Writes the ShardingSphere YAML generated from this layout to {@link StackLayout#shardingConfigFile()}. */
    public void writeShardingConfig() {
        try {
            Files.createDirectories(layout.runtimeDir());
            Files.writeString(layout.shardingConfigFile(), ShardingConfig.render(layout));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
