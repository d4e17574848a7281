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

@ExtendWith(LocalStackExtension.class)
class ShardFailoverIT {

    private final TestStack stack;

    ShardFailoverIT(TestStack stack) {
        this.stack = stack;
    }

    @AfterEach
    void heal() {
        stack.heal();
    }

    @Test
    void shouldServeWritesThroughTheUnchangedMultiHostUrlAfterTheStandbyIsPromoted() throws Exception {
        // given a row committed on shard 0 and replayed by its standby
        Shard shard = stack.postgres().shard(0);
        String url = shard.jdbcUrl();
        String customerId = stack.uniqueName("cus");
        insertCustomer(url, customerId);
        PostgresNode primary = shard.primary().orElseThrow();
        PostgresNode standby = shard.standby().orElseThrow();
        awaitReplayed(standby, customerId);

        // when the primary is killed with SIGKILL and the standby promoted
        primary.kill();
        standby.promote();

        // then the very same URL finds the new primary, which has the row and takes new writes
        String second = stack.uniqueName("cus");
        insertCustomer(url, second);
        assertThat(countCustomers(url, customerId, second)).isEqualTo(2);
        try (Connection c = DriverManager.getConnection(url, "backbone", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(standby.port());
        }
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

    /** Replication is asynchronous: wait until the standby has replayed the row before the crash. */
    private static void awaitReplayed(PostgresNode standby, String customerId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (countCustomers(standby.jdbcUrl("backbone"), customerId) == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("standby " + standby.name() + " did not replay " + customerId + " within 30 s");
    }
}
