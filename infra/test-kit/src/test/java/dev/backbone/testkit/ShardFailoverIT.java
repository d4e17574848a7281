package dev.backbone.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.stack.postgres.PostgresNode;
import dev.backbone.stack.postgres.Shard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * pg_auto_failover is the shards' failover manager: a killed primary is replaced by its standby with
 * no one promoting by hand, the unchanged multi-host URL finds the new primary, and the old primary,
 * once its keeper runs again, is rewound and rejoins as standby.
 */
@ExtendWith(LocalStackExtension.class)
class ShardFailoverIT {

    /** Measured about 10 s here (docs/local-stack.md); the bound leaves room for a loaded machine. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);
    private static final Duration REJOIN_BOUND = Duration.ofSeconds(60);

    private final TestStack stack;

    ShardFailoverIT(TestStack stack) {
        this.stack = stack;
    }

    @AfterEach
    void heal() {
        stack.heal();
    }

    @Test
    void shouldPromoteTheStandbyByItselfWhenThePrimaryIsKilledAndRejoinTheOldPrimaryAsStandby() throws Exception {
        // given a row committed on shard 0 and replayed by its standby
        Shard shard = stack.postgres().shard(0);
        String url = shard.jdbcUrl();
        String before = stack.uniqueName("cus");
        insertCustomer(url, before);
        PostgresNode primary = shard.primary().orElseThrow();
        PostgresNode standby = shard.standby().orElseThrow();
        awaitReplayed(standby, before, Duration.ofSeconds(30));

        // when the primary is killed with SIGKILL (its keeper, postmaster and backends: a node crash)
        Instant killed = Instant.now();
        primary.kill();

        // then, with nobody promoting, a write through the very same URL succeeds within the bound, on the standby
        String after = stack.uniqueName("cus");
        Duration failover = insertUntilAccepted(url, after, FAILOVER_BOUND, killed);
        System.out.printf("ShardFailoverIT: kill -9 of %s to a write accepted by %s: %d ms%n", primary.name(), standby.name(),
                failover.toMillis());
        assertThat(failover).isLessThan(FAILOVER_BOUND);
        assertThat(primary.isRunning()).isFalse();
        assertThat(standby.role()).isEqualTo(PostgresNode.Role.PRIMARY);
        assertThat(serverPort(url)).isEqualTo(standby.port());
        assertThat(countCustomers(url, before, after)).isEqualTo(2);

        // and when the old primary's keeper runs again, it rejoins as standby and replicates what was written since
        Instant restarted = Instant.now();
        primary.start();
        awaitUntil(() -> primary.role() == PostgresNode.Role.STANDBY && stack.postgres().monitor().isHealthy(shard.formation()),
                REJOIN_BOUND, primary.name() + " rejoining as standby; monitor says " + stack.postgres().monitor().describe(shard.formation()));
        System.out.printf("ShardFailoverIT: keeper of %s restarted to standby again: %d ms%n", primary.name(),
                Duration.between(restarted, Instant.now()).toMillis());
        awaitReplayed(primary, after, Duration.ofSeconds(30));
        String rejoined = stack.uniqueName("cus");
        insertCustomer(url, rejoined);
        awaitReplayed(primary, rejoined, Duration.ofSeconds(30));
        assertThat(shard.primary()).contains(standby);
        assertThat(shard.standby()).contains(primary);
    }

    @Test
    void shouldSwitchRolesWhenTheStandbyIsPromotedByHand() throws Exception {
        // given a healthy shard 1
        Shard shard = stack.postgres().shard(1);
        PostgresNode primary = shard.primary().orElseThrow();
        PostgresNode standby = shard.standby().orElseThrow();

        // when an operator promotes the standby (./backbone promote 1): a pg_auto_failover switchover
        standby.promote();

        // then it takes writes through the unchanged URL, and the old primary follows it as standby
        String customerId = stack.uniqueName("cus");
        insertUntilAccepted(shard.jdbcUrl(), customerId, FAILOVER_BOUND, Instant.now());
        assertThat(serverPort(shard.jdbcUrl())).isEqualTo(standby.port());
        awaitUntil(() -> stack.postgres().monitor().isHealthy(shard.formation()), REJOIN_BOUND, "shard 1 settling after the switchover");
        assertThat(primary.role()).isEqualTo(PostgresNode.Role.STANDBY);
        awaitReplayed(primary, customerId, Duration.ofSeconds(30));
    }

    private static Duration insertUntilAccepted(String url, String customerId, Duration bound, Instant since) throws Exception {
        Instant deadline = since.plus(bound);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                insertCustomer(url, customerId);
                return Duration.between(since, Instant.now());
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no write accepted through " + url + " within " + bound.toSeconds() + " s", last);
    }

    private static void insertCustomer(String url, String customerId) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "backbone", "");
             PreparedStatement insert = c.prepareStatement("INSERT INTO customers (customer_id, email, full_name, status, version,"
                     + " created_at, updated_at) VALUES (?, ?, 'Failover Test', 'ACTIVE', 1, now(), now())")) {
            insert.setString(1, customerId);
            insert.setString(2, customerId + "@example.test");
            insert.executeUpdate();
        }
    }

    private static int serverPort(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "backbone", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int countCustomers(String url, String... ids) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "backbone", "");
             PreparedStatement query = c.prepareStatement("SELECT count(*) FROM customers WHERE customer_id = ANY (?)")) {
            query.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Replication is asynchronous to readers of the standby: wait until it has replayed the row. */
    private static void awaitReplayed(PostgresNode node, String customerId, Duration timeout) throws Exception {
        awaitUntil(() -> {
            try {
                return countCustomers(node.jdbcUrl("backbone"), customerId) == 1;
            } catch (SQLException e) {
                return false;
            }
        }, timeout, node.name() + " replaying " + customerId);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
    }
}
