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
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Measures produce-to-queryable latency with one probe customer: publishes an e-mail change and
 * waits until both answers a query needs have it — the customer row in its shard at that version
 * and the e-mail index entry pointing to the customer. One change at a time; the latency runs from
 * the publish call to the moment both are visible (polled every {@link #POLL}), and its stages say
 * where it went: the publish acknowledged, the change written by the topology and committed
 * ({@link ChangeWatch}), the row, the index entry (each sink on its own).
 */
final class VisibilityProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final long NOT_YET = -1;

    private final EventPublisher publisher;
    private final ChangeWatch changes;
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
    VisibilityProbe(EventPublisher publisher, String bootstrapServers, String customerId, String shardJdbcUrl,
            String redisSentinelUri, IndexKeys keys) throws SQLException {
        this.publisher = publisher;
        this.changes = new ChangeWatch(bootstrapServers, customerId);
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
     * Nanoseconds from the publish call until each stage: the publish acknowledged by the brokers,
     * the change on the topology's output as sent and as committed, the row at the new version in
     * its shard, the index entry pointing to the customer. The output stages are {@link #NOT_YET}
     * when the watch had not seen them by the time the change was queryable.
     */
    record Visibility(Instant published, long acknowledged, long written, long committed, long row, long index) {

        /** Until the change was queryable: both the row and the index entry visible. */
        long queryable() {
            return Math.max(row, index);
        }

        /** From the change's commit to its row, or {@link #NOT_YET} when the commit was not seen: the shard sink's part. */
        long rowAfterCommit() {
            return committed == NOT_YET ? NOT_YET : Math.max(0, row - committed);
        }

        /** From the change's commit to its index entry, or {@link #NOT_YET}: the index sink's part. */
        long indexAfterCommit() {
            return committed == NOT_YET ? NOT_YET : Math.max(0, index - committed);
        }

        /** One line: when it was published and each stage in milliseconds. */
        String describe() {
            return String.format(Locale.ROOT, "published %s: acknowledged %s, sent by the fold %s, committed %s, row %s, index %s",
                    published, millis(acknowledged), millis(written), millis(committed), millis(row), millis(index));
        }

        private static String millis(long nanos) {
            return nanos == NOT_YET ? "not seen" : String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
        }
    }

    /**
     * Changes the probe's e-mail once.
     *
     * @throws TimeoutException when the row and the index entry were not both visible within {@code timeout}
     */
    Visibility changeEmail(Duration timeout) throws Exception {
        String previous = email;
        email = emailFor(sequence + 1);
        ObjectNode data = JSON.objectNode().put("customerId", customerId).put("previousEmail", previous).put("email", email);
        return publishAndAwaitVisible(EventType.CUSTOMER_EMAIL_CHANGED, data, timeout);
    }

    private Visibility publishAndAwaitVisible(EventType type, ObjectNode data, Duration timeout) throws Exception {
        sequence++;
        Instant published = Instant.now();
        long start = System.nanoTime();
        publisher.publishAndWait(publisher.newEvent(type, AggregateId.of(customerId), Sequence.of(sequence), data), PUBLISH_TIMEOUT);
        long acknowledged = System.nanoTime() - start;
        long deadline = start + timeout.toNanos();
        long written = NOT_YET;
        long committed = NOT_YET;
        long row = NOT_YET;
        long index = NOT_YET;
        while (row == NOT_YET || index == NOT_YET) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("probe customer " + customerId + " at version " + sequence + " (" + email
                        + ") not queryable within " + timeout.toSeconds() + " s (row " + (row == NOT_YET ? "not " : "")
                        + "visible, index entry " + (index == NOT_YET ? "not " : "") + "visible)");
            }
            // each stage is stamped when first seen, so a slow sink shows as its own stage
            changes.poll();
            if (written == NOT_YET && changes.writtenVersion() >= sequence) {
                written = System.nanoTime() - start;
            }
            if (committed == NOT_YET && changes.committedVersion() >= sequence) {
                committed = System.nanoTime() - start;
            }
            if (row == NOT_YET && rowAtVersion()) {
                row = System.nanoTime() - start;
            }
            if (index == NOT_YET && indexPointsHere()) {
                index = System.nanoTime() - start;
            }
            if (row == NOT_YET || index == NOT_YET) {
                Thread.sleep(POLL.toMillis());
            }
        }
        return new Visibility(published, acknowledged, written, committed, row, index);
    }

    private boolean rowAtVersion() throws SQLException {
        version.setString(1, customerId);
        try (ResultSet row = version.executeQuery()) {
            return row.next() && row.getLong(1) >= sequence;
        }
    }

    private boolean indexPointsHere() {
        return customerId.equals(redis.sync().get(keys.email(email)));
    }

    private String emailFor(long version) {
        return customerId + ".v" + version + "@example.com";
    }

    @Override
    public void close() throws SQLException {
        changes.close();
        redis.close();
        redisClient.shutdown();
        shard.close();
    }
}
