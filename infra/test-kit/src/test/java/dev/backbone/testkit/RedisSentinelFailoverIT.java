package dev.backbone.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.redis.RedisGroup;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class RedisSentinelFailoverIT {

    private final TestStack stack;

    RedisSentinelFailoverIT(TestStack stack) {
        this.stack = stack;
    }

    @AfterEach
    void heal() {
        stack.heal();
    }

    @Test
    void shouldKeepWorkingThroughSentinelAfterThePrimaryIsKilled() throws Exception {
        RedisGroup redis = stack.redis();
        RedisURI uri = RedisURI.create(stack.layout().redisSentinelUri());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        String key = stack.uniqueName("idx:email");
        try {
            // given a key written through Sentinel and acknowledged by the replica
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().set(key, "cus-1");
                assertThat(connection.sync().waitForReplication(1, 2_000)).isEqualTo(1L);
            }
            int oldPrimaryPort = redis.currentPrimaryPort().orElseThrow();
            RedisGroup.Member oldPrimary = oldPrimaryPort == redis.serverA().port() ? redis.serverA() : redis.serverB();

            // when the primary is killed with SIGKILL
            redis.kill(oldPrimary);

            // then Sentinel promotes the replica and a fresh Sentinel connection reads and writes there
            String value = retryUntil(Duration.ofSeconds(45), () -> {
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    RedisCommands<String, String> commands = connection.sync();
                    commands.set(key + ":after", "written-after-failover");
                    return commands.get(key);
                }
            });
            assertThat(value).isEqualTo("cus-1");
            assertThat(redis.currentPrimaryPort()).hasValueSatisfying(port -> assertThat(port).isNotEqualTo(oldPrimaryPort));
        } finally {
            client.shutdown();
        }
    }

    private interface Attempt<T> {
        T run();
    }

    private static <T> T retryUntil(Duration timeout, Attempt<T> attempt) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return attempt.run();
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new AssertionError("Redis did not recover through Sentinel within " + timeout, last);
    }
}
