package dev.backbone.testkit;

import dev.backbone.stack.LocalStack;
import dev.backbone.stack.ProjectRoot;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.kafka.KafkaCluster;
import dev.backbone.stack.kafka.TopicApplier;
import dev.backbone.stack.kafka.TopicCatalog;
import dev.backbone.stack.postgres.PostgresFleet;
import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.redis.RedisGroup;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The real stack for integration tests, one per test JVM. Components start lazily on first use
 * ({@link #kafka()}, {@link #postgres()}, {@link #redis()}), so an SDK test never waits for
 * PostgreSQL. Tests isolate themselves with {@link #uniqueName} and {@link #createTopic}, and call
 * {@link #heal()} after injecting faults so the next test starts from a healthy stack.
 *
 * <p>System properties: {@code backbone.it.portOffset} (default 1000, keeps clear of a developer's
 * {@code ./backbone up}); {@code backbone.it.reuse=true} uses the running developer stack instead
 * and never stops it; {@code backbone.it.keep=true} starts the test stack only if it is not running
 * and leaves it up for the next module's test JVM ({@code ./backbone test} sets it and stops the
 * stack when Maven ends); {@code backbone.it.shards} (default 2).
 */
public final class TestStack {

    private static TestStack shared;

    private final LocalStack stack;
    private final boolean reused;
    /** The developer's own stack ({@code -Dbackbone.it.reuse}): never clean up after tests on it. */
    private final boolean developers;
    private boolean kafkaUp;
    private boolean postgresUp;
    private boolean redisUp;

    private TestStack(LocalStack stack, boolean reused, boolean developers) {
        this.stack = stack;
        this.reused = reused;
        this.developers = developers;
    }

    /** The stack of this JVM if a test has asked for it. */
    static synchronized Optional<TestStack> ifCreated() {
        return Optional.ofNullable(shared);
    }

    /** The stack of this JVM, created on first call and stopped when the JVM's tests are done. */
    public static synchronized TestStack shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static TestStack create() {
        Path root = ProjectRoot.locate();
        int shards = Integer.getInteger("backbone.it.shards", StackLayout.DEFAULT_SHARDS);
        if (Boolean.getBoolean("backbone.it.reuse")) {
            return new TestStack(new LocalStack(StackLayout.developer(root, shards)), true, true);
        }
        int offset = Integer.getInteger("backbone.it.portOffset", StackLayout.TEST_PORT_OFFSET);
        StackLayout layout = StackLayout.integrationTest(root, offset, shards);
        LocalStack stack = new LocalStack(layout);
        if (Boolean.getBoolean("backbone.it.keep")) {
            // ./backbone test: one stack serves every module's test JVM; the launcher stops it at the end.
            return new TestStack(stack, true, false);
        }
        stack.down(); // leftovers of a test JVM that was killed
        stack.purge();
        TestStack testStack = new TestStack(stack, false, false);
        Runtime.getRuntime().addShutdownHook(new Thread(testStack::close, "test-stack-down"));
        return testStack;
    }

    public StackLayout layout() {
        return stack.layout();
    }

    public synchronized KafkaCluster kafka() {
        if (!kafkaUp) {
            stack.kafka().launch();
            stack.kafka().awaitReady();
            try (Admin admin = stack.kafka().admin()) {
                new TopicApplier(admin).apply(TopicCatalog.load(layout().topicsFile()).topics());
            }
            kafkaUp = true;
        }
        return stack.kafka();
    }

    /**
     * Sets consumer group {@code group}'s committed offsets to the current ends of {@code topics}, so
     * an application started under that group (a Streams app: its application id) sees only what is
     * written from now on, not the shared topics' history that earlier test classes left.
     */
    public void startGroupAtTheEnd(String group, Collection<String> topics) {
        try (Admin admin = kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()
                    .forEach(topic -> topic.partitions().forEach(
                            p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start group " + group + " at the end of " + topics + ": " + e, e);
        }
    }

    public synchronized PostgresFleet postgres() {
        if (!postgresUp) {
            stack.postgres().up(line -> { });
            stack.writeShardingConfig();
            postgresUp = true;
        }
        return stack.postgres();
    }

    public synchronized RedisGroup redis() {
        if (!redisUp) {
            stack.redis().up();
            redisUp = true;
        }
        return stack.redis();
    }

    /** The generated ShardingSphere YAML for this stack's shards (starts PostgreSQL). */
    public Path shardingConfig() {
        postgres();
        return layout().shardingConfigFile();
    }

    /** A name no other test in this stack has used: {@code prefix-<random>}. */
    public String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a fresh topic with RF 3 and min.insync.replicas 2; returns its unique name. */
    public String createTopic(String prefix, int partitions) {
        String name = uniqueName(prefix);
        try (Admin admin = kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /**
     * Deletes every topic the tests made: all but the catalog's ({@code backbone.*}) and Kafka's own
     * ({@code __*}). Runs after each test class ({@link LocalStackExtension}); every name a test makes
     * is unique, so no later class needs them. Without it the shared stack of {@code ./backbone test}
     * accumulated every class's Streams and SDK topics, and by the chaos drills a broker killed -9
     * recovered 204 logs (22 s) before it served. Never on a developer's stack; best effort (a failure
     * only leaves topics behind).
     */
    public synchronized void deleteTestTopics() {
        if (!kafkaUp || developers) {
            return;
        }
        try (Admin admin = stack.kafka().admin()) {
            List<String> made = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> !name.startsWith("backbone.") && !name.startsWith("__")).sorted().toList();
            if (!made.isEmpty()) {
                admin.deleteTopics(made).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("[test-stack] could not delete the tests' topics (they stay): " + e);
        }
    }

    /** Sets one topic-level config, e.g. {@code max.message.bytes}, on a topic of this stack. */
    public void alterTopicConfig(String topic, String key, String value) {
        try (Admin admin = kafka().admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                    new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            awaitMetadataEverywhere(admin);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set " + key + "=" + value + " on topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every node's metadata log holds what the quorum had committed when called. An
     * altered config is committed when the call returns, but each broker applies it only once it has
     * fetched it: a produce right after could still meet the old limit on a partition's leader (seen:
     * QuarantineIT's requeued event rejected again under the old {@code max.message.bytes}).
     */
    private static void awaitMetadataEverywhere(Admin admin) throws Exception {
        long committed = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).highWatermark();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
            boolean everywhere = Stream.concat(quorum.voters().stream(), quorum.observers().stream())
                    .allMatch(replica -> replica.logEndOffset() >= committed);
            if (everywhere) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka nodes did not fetch metadata offset " + committed + " within 30 s: " + quorum);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Undoes injected faults: restarts stopped or killed Kafka nodes and Redis members, and gives
     * every shard a running primary and standby again (restarts dead keepers: pg_auto_failover
     * rewinds a former primary and rejoins it as standby), waiting until each shard has settled.
     */
    public synchronized void heal() {
        if (kafkaUp) {
            stack.healKafka();
        }
        if (postgresUp) {
            stack.healPostgres();
        }
        if (redisUp) {
            stack.healRedis();
        }
    }

    /** Names of the nodes of {@code shard} that are not running. */
    public Set<String> deadNodes(int shard) {
        return Set.copyOf(stack.postgres().shard(shard).nodes().stream().filter(n -> !n.isRunning())
                .map(PostgresNode::name).toList());
    }

    synchronized void close() {
        if (!reused) {
            stack.down();
        }
    }
}
