package dev.backbone.chaos.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.index.IndexKeys;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.stack.StackLayout;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Measures produce-to-queryable latency with one probe customer: publishes an e-mail change and
 * waits until both answers a query needs have it — the customer row in its shard at that version
 * and the e-mail index entry pointing to the customer. One change at a time; the latency runs from
 * the publish call to the moment both are visible (polled every {@link #POLL}).
 */
final class VisibilityProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final EventPublisher publisher;
    private final String customerId;
    private final IndexKeys keys;
    private final Connection shard;
    private final PreparedStatement version;
    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, String> redis;
    private long sequence;
    private String email;

    /**
     * @param shardJdbcUrl the shard that owns {@code customerId}
     */
    VisibilityProbe(EventPublisher publisher, String customerId, String shardJdbcUrl, String redisSentinelUri, IndexKeys keys)
            throws SQLException {
        this.publisher = publisher;
        this.customerId = customerId;
        this.keys = keys;
        this.shard = DriverManager.getConnection(shardJdbcUrl, StackLayout.DATABASE_USER, "");
        this.version = shard.prepareStatement("SELECT version FROM customers WHERE customer_id = ?");
        this.redisClient = RedisClient.create(RedisURI.create(redisSentinelUri));
        this.redis = redisClient.connect();
    }

    /** Registers the probe customer and waits until it is visible (untimed warm-up). */
    void register(Duration timeout) throws Exception {
        email = emailFor(1);
        ObjectNode data = JSON.objectNode().put("customerId", customerId).put("email", email).put("fullName", "Benchmark probe");
        publishAndAwaitVisible(EventType.CUSTOMER_REGISTERED, data, timeout);
    }

    /**
     * Changes the probe's e-mail once.
     *
     * @return nanoseconds from the publish call until the row and the index entry were both visible
     * @throws TimeoutException when they were not within {@code timeout}
     */
    long changeEmail(Duration timeout) throws Exception {
        String previous = email;
        email = emailFor(sequence + 1);
        ObjectNode data = JSON.objectNode().put("customerId", customerId).put("previousEmail", previous).put("email", email);
        return publishAndAwaitVisible(EventType.CUSTOMER_EMAIL_CHANGED, data, timeout);
    }

    private long publishAndAwaitVisible(EventType type, ObjectNode data, Duration timeout) throws Exception {
        sequence++;
        long start = System.nanoTime();
        publisher.publishAndWait(publisher.newEvent(type, AggregateId.of(customerId), Sequence.of(sequence), data), PUBLISH_TIMEOUT);
        long deadline = start + timeout.toNanos();
        while (!visible()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("probe customer " + customerId + " at version " + sequence + " (" + email
                        + ") not queryable within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
        return System.nanoTime() - start;
    }

    private boolean visible() throws SQLException {
        version.setString(1, customerId);
        try (ResultSet row = version.executeQuery()) {
            if (!row.next() || row.getLong(1) < sequence) {
                return false;
            }
        }
        return customerId.equals(redis.sync().get(keys.email(email)));
    }

    private String emailFor(long version) {
        return customerId + ".v" + version + "@example.com";
    }

    @Override
    public void close() throws SQLException {
        redis.close();
        redisClient.shutdown();
        shard.close();
    }
}
