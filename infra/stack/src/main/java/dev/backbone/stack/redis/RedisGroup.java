package dev.backbone.stack.redis;

import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.StackLayout;
import dev.backbone.stack.process.Await;
import dev.backbone.stack.process.ManagedProcesses;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redis for the secondary index: a primary, a replica and three Sentinels watching {@code mymaster}.
 * Clients connect through Sentinel ({@link StackLayout#redisSentinelUri()}), never to a fixed node.
 */
public final class RedisGroup {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** Room for a Sentinel failover (down-after 2 s, election, replica sync) plus discovery. */
    private static final Duration FAILOVER_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String SERVER_BINARY = "redis-server";

    /** A Redis server of the group, by the port it was first given. */
    public record Member(String name, int port, boolean sentinel) {
    }

    private final StackLayout layout;
    private final ManagedProcesses processes;
    private final Path baseDir;

    public RedisGroup(StackLayout layout, ManagedProcesses processes) {
        this.layout = layout;
        this.processes = processes;
        this.baseDir = layout.runtimeDir().resolve("redis");
    }

    public List<Member> members() {
        List<Member> members = new ArrayList<>(List.of(
                new Member("redis-a", layout.redisPrimaryPort(), false),
                new Member("redis-b", layout.redisReplicaPort(), false)));
        List<Integer> sentinels = layout.sentinelPorts();
        for (int i = 0; i < sentinels.size(); i++) {
            members.add(new Member("sentinel-" + i, sentinels.get(i), true));
        }
        return members;
    }

    public Member serverA() {
        return members().get(0);
    }

    public Member serverB() {
        return members().get(1);
    }

    /** Writes configs on first start only (Sentinel keeps its knowledge in them), then starts every member. */
    public void up() {
        for (Member member : members()) {
            Path dir = baseDir.resolve(member.name());
            Path conf = dir.resolve(member.sentinel() ? "sentinel.conf" : "redis.conf");
            writeOnce(dir, conf, member);
            start(member);
        }
        for (Member member : members()) {
            awaitPing(member);
        }
        if (!Await.until(() -> currentPrimaryPort().isPresent(), READY_TIMEOUT, Duration.ofMillis(200))) {
            throw new ComponentFailedException("redis-sentinel", processes.logFile("sentinel-0"),
                    "Sentinels do not agree on a primary for " + StackLayout.REDIS_MASTER_NAME);
        }
        awaitFailoverReady();
    }

    /**
     * Waits until the group can survive losing its primary: the primary has an online replica (it refuses
     * writes before, min-replicas-to-write) and every Sentinel knows that replica and the other Sentinels.
     * Sentinels learn replicas from the primary's INFO (every 10 s) and each other from hello messages
     * (every 2 s); a primary killed before that leaves them with nothing to promote or no quorum. The
     * primary is asked anew on every poll: servers restarted one after the other can make Sentinel fail
     * over to the first one back while this waits.
     */
    public void awaitFailoverReady() {
        if (!Await.until(this::readyForFailover, FAILOVER_READY_TIMEOUT, Duration.ofMillis(250))) {
            throw new ComponentFailedException("redis-sentinel", processes.logFile("sentinel-0"),
                    "not ready to fail over within " + FAILOVER_READY_TIMEOUT.toSeconds() + " s: " + failoverReadiness());
        }
    }

    private boolean readyForFailover() {
        Optional<Integer> primary = currentPrimaryPort();
        return primary.isPresent() && onlineReplicas(primary.get()) >= 1
                && members().stream().filter(Member::sentinel).allMatch(sentinel -> readyForFailover(sentinel, primary.get()));
    }

    /** What is missing, for the error message. */
    private String failoverReadiness() {
        Optional<Integer> primary = currentPrimaryPort();
        if (primary.isEmpty()) {
            return "no Sentinel names a primary for " + StackLayout.REDIS_MASTER_NAME;
        }
        if (onlineReplicas(primary.get()) < 1) {
            return "no replica attached to the primary on port " + primary.get() + " (see " + processes.logFile(serverB().name()) + ")";
        }
        List<String> unready = members().stream().filter(Member::sentinel)
                .filter(sentinel -> !readyForFailover(sentinel, primary.get())).map(Member::name).toList();
        return unready + " do not yet know a healthy replica of port " + primary.get() + " and the other "
                + (layout.sentinelPorts().size() - 1) + " Sentinels";
    }

    private boolean readyForFailover(Member sentinel, int primaryPort) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(sentinel.port())
                .withTimeout(Duration.ofSeconds(1)).build());
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
            Map<String, String> primary = connection.sync().master(StackLayout.REDIS_MASTER_NAME);
            boolean samePrimary = String.valueOf(primaryPort).equals(primary.get("port"));
            int otherSentinels = Integer.parseInt(primary.getOrDefault("num-other-sentinels", "0"));
            boolean healthyReplica = connection.sync().replicas(StackLayout.REDIS_MASTER_NAME).stream()
                    .anyMatch(replica -> !replica.getOrDefault("flags", "").contains("down")
                            && !replica.getOrDefault("flags", "").contains("disconnected")
                            && "ok".equals(replica.get("master-link-status")));
            return samePrimary && healthyReplica && otherSentinels >= layout.sentinelPorts().size() - 1;
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private int onlineReplicas(int port) {
        // A replica counts once it is online (full sync done): only then does it ACK and satisfy min-replicas.
        return withConnection(port, c -> {
            String first = infoField(c.sync().info("replication"), "slave0");
            return first != null && first.contains("state=online") ? 1 : 0;
        }).orElse(0);
    }

    private static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return null;
    }

    public void start(Member member) {
        Path dir = baseDir.resolve(member.name());
        List<String> command = member.sentinel()
                ? List.of(SERVER_BINARY, dir.resolve("sentinel.conf").toString(), "--sentinel")
                : List.of(SERVER_BINARY, dir.resolve("redis.conf").toString());
        processes.start(member.name(), command, Map.of(), Optional.empty());
    }

    public void stop(Member member) {
        processes.stop(member.name(), "TERM", Duration.ofSeconds(10));
    }

    public void kill(Member member) {
        processes.kill(member.name());
    }

    public void stopAll() {
        members().forEach(this::stop);
    }

    public boolean isRunning(Member member) {
        return processes.running(member.name()).isPresent();
    }

    public void awaitPing(Member member) {
        if (!Await.until(() -> ping(member.port()), READY_TIMEOUT, Duration.ofMillis(200))) {
            throw new ComponentFailedException(member.name(), processes.logFile(member.name()),
                    "no PONG on port " + member.port() + " within " + READY_TIMEOUT.toSeconds() + " s");
        }
    }

    /** The Redis server the Sentinels currently name as primary, if they agree on one. */
    public Optional<Member> currentPrimary() {
        return currentPrimaryPort().flatMap(port -> members().stream().filter(m -> !m.sentinel() && m.port() == port).findFirst());
    }

    /** The primary's port as the first answering Sentinel reports it, or empty if none answers. */
    public Optional<Integer> currentPrimaryPort() {
        for (int port : layout.sentinelPorts()) {
            RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                    .withTimeout(Duration.ofSeconds(1)).build());
            try (StatefulRedisSentinelConnection<String, String> sentinel = client.connectSentinel()) {
                SocketAddress address = sentinel.sync().getMasterAddrByName(StackLayout.REDIS_MASTER_NAME);
                if (address instanceof java.net.InetSocketAddress inet) {
                    return Optional.of(inet.getPort());
                }
            } catch (RuntimeException e) {
                // Try the next Sentinel.
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        }
        return Optional.empty();
    }

    /** "master" or "slave" from INFO replication, or "down". */
    public String role(Member member) {
        if (member.sentinel()) {
            return ping(member.port()) ? "sentinel" : "down";
        }
        return withConnection(member.port(), c -> "master".equals(infoField(c.sync().info("replication"), "role"))
                ? "primary" : "replica").orElse("down");
    }

    private boolean ping(int port) {
        return withConnection(port, c -> "PONG".equals(c.sync().ping())).orElse(false);
    }

    private static <T> Optional<T> withConnection(int port, java.util.function.Function<StatefulRedisConnection<String, String>, T> action) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withTimeout(Duration.ofSeconds(1)).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return Optional.ofNullable(action.apply(connection));
        } catch (RuntimeException e) {
            return Optional.empty();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private void writeOnce(Path dir, Path conf, Member member) {
        if (Files.exists(conf)) {
            return;
        }
        String text = member.sentinel()
                ? RedisConfigs.sentinel(member.port(), dir, layout.redisPrimaryPort())
                : RedisConfigs.server(member.port(), dir, member.port() == layout.redisPrimaryPort() ? null : layout.redisPrimaryPort());
        try {
            Files.createDirectories(dir);
            Files.writeString(conf, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
