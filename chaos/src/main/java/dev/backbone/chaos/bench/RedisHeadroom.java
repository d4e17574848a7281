package dev.backbone.chaos.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Refuses to start a benchmark that writes to Redis (pipeline, query) when it is nearly full. The stack's Redis
 * has a {@code maxmemory} and {@code noeviction} (an index must not lose entries), and the
 * pipeline benchmark's events stay in the stack, so after a dozen runs Redis rejects every write:
 * the ceiling fails with Redis' bare OOM reply and the Streams app's index sink stalls. Checked
 * first, the same condition gets an error that says what happened and how to start afresh.
 */
final class RedisHeadroom {

    /** The share of {@code maxmemory} a run may start from: a run adds ~20 MiB to the 256 MiB stack Redis. */
    static final double MAX_USED_SHARE = 0.8;

    private RedisHeadroom() {
    }

    /**
     * Checks the primary behind {@code sentinelUri}.
     *
     * @throws IllegalStateException when Redis uses more than {@link #MAX_USED_SHARE} of its {@code maxmemory}
     */
    static void check(String sentinelUri) {
        RedisURI uri = RedisURI.create(sentinelUri);
        uri.setTimeout(Duration.ofSeconds(10));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            checkInfo(connection.sync().info("memory"));
        } finally {
            client.shutdown();
        }
    }

    /** {@link #check(String)} on the text of {@code INFO memory}. */
    static void checkInfo(String infoMemory) {
        long used = field(infoMemory, "used_memory").orElseThrow(
                () -> new IllegalStateException("Redis' INFO memory has no used_memory field: " + infoMemory));
        long max = field(infoMemory, "maxmemory").orElse(0);
        if (max > 0 && used > MAX_USED_SHARE * max) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Redis holds %.1f of its %.1f MiB (maxmemory; noeviction, so a full index rejects writes and the index sink "
                            + "stalls), more than the %.0f %% a benchmark run may start from: the events of earlier runs stay in "
                            + "the stack. Start afresh with ./backbone down --purge && ./backbone up",
                    used / 1048576.0, max / 1048576.0, MAX_USED_SHARE * 100));
        }
    }

    private static OptionalLong field(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ":"))
                .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1).trim())).findFirst();
    }
}
