package dev.backbone.stack.kafka;

import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.LocalJvm;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.net.NetworkLinks;
import dev.backbone.stack.process.Await;
import dev.backbone.stack.process.CommandRunner;
import dev.backbone.stack.process.ManagedProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * The three-node KRaft cluster: each node a separate JVM running the real broker from
 * {@code infra/kafka-server/target/lib}, combined broker and controller, one rack per node. The
 * nodes reach each other through the {@link NetworkLinks} relay, which this class starts first.
 */
public final class KafkaCluster {

    /**
     * How long a start, restart or catch-up of the brokers may take. After all three were killed -9 on a
     * loaded 2-core machine (2026-12-02, kafka-outage drill) they took 95 s to serve again: 15 s of JVM
     * start, controller elections repeated while every node was busy, 22 s recovering 87 logs each, and
     * 20 s more of leader elections and catching up — 90 s was too short there. Twice that leaves room
     * and still fails a node that will never come.
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String JVM_HEAP = "-Xmx512m";

    private final StackLayout layout;
    private final ManagedProcesses processes;
    private final NetworkLinks links;

    public KafkaCluster(StackLayout layout, ManagedProcesses processes) {
        this.layout = layout;
        this.processes = processes;
        this.links = new NetworkLinks(layout, processes);
    }

    /** The relayed links between the nodes and from the Streams apps, which drills cut. */
    public NetworkLinks links() {
        return links;
    }

    public static String processName(int nodeId) {
        return "kafka-" + nodeId;
    }

    public String bootstrapServers() {
        return layout.bootstrapServers();
    }

    public List<Integer> nodeIds() {
        return layout.kafkaNodeIds();
    }

    /**
     * Formats storage on first start, then launches every node that is not running (each start
     * starts the link relay first). Does not wait for the nodes.
     */
    public void launch() {
        requireBrokerRuntime();
        String clusterId = clusterId();
        for (int nodeId : nodeIds()) {
            prepare(nodeId, clusterId);
            start(nodeId);
        }
    }

    /**
     * Starts one node (after {@link #stop} or {@link #kill}); a running node is left alone. The link
     * relay is started first unless it runs: the nodes cannot reach each other without it.
     */
    public void start(int nodeId) {
        links.start();
        Path nodeDir = nodeDir(nodeId);
        // Not LocalJvm.command: brokers live through the whole run, where C2's code pays for its
        // compilation (measured: C1 only cost the brokers 0.72 instead of 0.5 of a core at 60 events/s).
        processes.start(processName(nodeId), List.of(
                LocalJvm.javaBinary(), JVM_HEAP, "-Xms256m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + nodeDir.resolve("log4j2.properties"),
                "-Dkafka.logs.dir=" + nodeDir.resolve("logs"),
                "-cp", layout.kafkaLibDir() + "/*",
                "kafka.Kafka", nodeDir.resolve("server.properties").toString()), Map.of(), Optional.empty());
    }

    /** Waits until every node is registered as a broker and the controller quorum has a leader. */
    public void awaitReady() {
        try (Admin admin = admin()) {
            boolean ready = Await.until(() -> registeredBrokers(admin) == nodeIds().size() && controllerLeader(admin).isPresent(),
                    READY_TIMEOUT, Duration.ofMillis(500));
            if (!ready) {
                int missing = firstDeadNode().orElse(0);
                throw new ComponentFailedException("kafka", processes.logFile(processName(missing)),
                        "only " + registeredBrokers(admin) + " of " + nodeIds().size() + " brokers registered within "
                                + READY_TIMEOUT.toSeconds() + " s");
            }
        }
    }

    /** Waits until {@code nodeId} is back as a registered broker. */
    public void awaitBroker(int nodeId) {
        try (Admin admin = admin()) {
            if (!Await.until(() -> brokerIds(admin).contains(nodeId), READY_TIMEOUT, Duration.ofMillis(500))) {
                throw new ComponentFailedException(processName(nodeId), processes.logFile(processName(nodeId)),
                        "did not register within " + READY_TIMEOUT.toSeconds() + " s");
            }
        }
    }

    /**
     * Waits until {@code nodeId} is back in the in-sync replica set of every partition it holds: a
     * restarted broker has caught up, not merely registered (a killed broker can still look
     * registered until its session expires).
     */
    public void awaitInSync(int nodeId) {
        try (Admin admin = admin()) {
            if (!Await.until(() -> outOfSync(admin, nodeId) == 0, READY_TIMEOUT, Duration.ofMillis(500))) {
                throw new ComponentFailedException(processName(nodeId), processes.logFile(processName(nodeId)),
                        "not back in sync on every partition within " + READY_TIMEOUT.toSeconds() + " s");
            }
        }
    }

    /** Partitions {@code nodeId} replicates but is not in sync for (-1 when Kafka cannot tell). */
    public long outOfSyncPartitions(int nodeId) {
        try (Admin admin = admin()) {
            return outOfSync(admin, nodeId);
        }
    }

    private static long outOfSync(Admin admin, int nodeId) {
        try {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(t -> t.partitions().stream())
                    .filter(p -> p.replicas().stream().anyMatch(n -> n.id() == nodeId) && p.isr().stream().noneMatch(n -> n.id() == nodeId))
                    .count();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    /** Graceful stop of one node (controlled shutdown, then SIGKILL after the grace period). */
    public void stop(int nodeId) {
        processes.stop(processName(nodeId), "TERM", STOP_GRACE);
    }

    /** kill -9 of one node. */
    public void kill(int nodeId) {
        processes.kill(processName(nodeId));
    }

    /**
     * Stops every node. The last node cannot finish a controlled shutdown without a quorum, so the
     * nodes are stopped together with a short grace and then killed: their logs are fsynced
     * replicas, so a hard stop of an idle cluster loses nothing acknowledged.
     */
    public void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (int nodeId : nodeIds()) {
            Thread stopper = new Thread(() -> processes.stop(processName(nodeId), "TERM", Duration.ofSeconds(8)), "stop-kafka-" + nodeId);
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public boolean isRunning(int nodeId) {
        return processes.running(processName(nodeId)).isPresent();
    }

    public Admin admin() {
        return admin(bootstrapServers());
    }

    /** An admin client that learns the cluster from {@code bootstrapServers} only. */
    public Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "backbone-stack");
        return Admin.create(props);
    }

    /** The node leading {@code topic}-{@code partition}, or empty while it has no leader. */
    public OptionalInt leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            return leaderOf(admin, topic, partition);
        }
    }

    /** The node leading {@code topic}-{@code partition} in the metadata {@code admin} sees, or empty while it has no leader. */
    public OptionalInt leaderOf(Admin admin, String topic, int partition) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            TopicPartitionInfo info = description.partitions().get(partition);
            Node leader = info.leader();
            return leader == null || leader.isEmpty() ? OptionalInt.empty() : OptionalInt.of(leader.id());
        } catch (Exception e) {
            return OptionalInt.empty();
        }
    }

    /** The current KRaft quorum leader, if a quorum exists. */
    public OptionalInt controllerLeader(Admin admin) {
        try {
            return OptionalInt.of(admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS).leaderId());
        } catch (Exception e) {
            return OptionalInt.empty();
        }
    }

    public List<Integer> brokerIds(Admin admin) {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes().get(6, TimeUnit.SECONDS)
                    .stream().map(Node::id).sorted().toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private int registeredBrokers(Admin admin) {
        return brokerIds(admin).size();
    }

    private OptionalInt firstDeadNode() {
        return nodeIds().stream().filter(id -> !isRunning(id)).mapToInt(Integer::intValue).findFirst();
    }

    private void prepare(int nodeId, String clusterId) {
        Path nodeDir = nodeDir(nodeId);
        Path dataDir = nodeDir.resolve("data");
        Path config = nodeDir.resolve("server.properties");
        try {
            Files.createDirectories(nodeDir.resolve("logs"));
            Files.writeString(config, KafkaNodeConfig.render(layout, nodeId, dataDir));
            Files.writeString(nodeDir.resolve("log4j2.properties"), KafkaNodeConfig.log4j2());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            try {
                CommandRunner.run("format storage of " + processName(nodeId), List.of(
                        LocalJvm.javaBinary(), "-Xmx256m", "-cp", layout.kafkaLibDir() + "/*",
                        "-Dlog4j2.configurationFile=" + nodeDir.resolve("log4j2.properties"),
                        "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"),
                        Optional.empty(), 120);
            } catch (IllegalStateException e) {
                throw new ComponentFailedException(processName(nodeId), null, e.getMessage());
            }
        }
    }

    private String clusterId() {
        Path file = layout.runtimeDir().resolve("kafka/cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireBrokerRuntime() {
        if (!Files.isDirectory(layout.kafkaLibDir())) {
            throw new ComponentFailedException("kafka", null, "the broker runtime is not built: " + layout.kafkaLibDir()
                    + " is missing; run: mvn -q -f " + layout.projectRoot().resolve("infra/kafka-server/pom.xml") + " package");
        }
    }

    private Path nodeDir(int nodeId) {
        return layout.runtimeDir().resolve("kafka/" + processName(nodeId));
    }
}
