package dev.backbone.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves ShardingSphere-JDBC starts with our versions and routes exactly as {@link ShardRouter} says. */
@ExtendWith(LocalStackExtension.class)
class ShardingSphereRoutingIT {

    private final TestStack stack;

    ShardingSphereRoutingIT(TestStack stack) {
        this.stack = stack;
    }

    @Test
    void shouldStoreEachCustomerAndItsOrdersOnTheShardTheRouterNames() throws SQLException {
        // given customers written through ShardingSphere, with an order each
        String url = "jdbc:shardingsphere:absolutepath:" + stack.shardingConfig();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            customers.add(stack.uniqueName("cus"));
        }
        try (Connection c = DriverManager.getConnection(url)) {
            for (String id : customers) {
                try (PreparedStatement customer = c.prepareStatement("INSERT INTO customers (customer_id, email, full_name, status,"
                        + " version, created_at, updated_at) VALUES (?, ?, 'Routed', 'ACTIVE', 1, now(), now())");
                     PreparedStatement order = c.prepareStatement("INSERT INTO orders (customer_id, order_id, status, total_cents,"
                             + " currency, version, placed_at, updated_at) VALUES (?, ?, 'PLACED', 1000, 'EUR', 1, now(), now())")) {
                    customer.setString(1, id);
                    customer.setString(2, id + "@example.test");
                    customer.executeUpdate();
                    order.setString(1, id);
                    order.setString(2, "ord-" + id);
                    order.executeUpdate();
                }
            }

            // then a point read through ShardingSphere finds each of them
            try (PreparedStatement read = c.prepareStatement("SELECT email FROM customers WHERE customer_id = ?")) {
                for (String id : customers) {
                    read.setString(1, id);
                    try (ResultSet rs = read.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(id + "@example.test");
                    }
                }
            }
        }

        // and each physical shard holds exactly the customers (and orders) the router assigns to it
        ShardRouter router = new ShardRouter(stack.layout().shardCount());
        Set<ShardId> used = new HashSet<>();
        for (ShardId shard : router.allShards()) {
            List<String> expected = customers.stream().filter(id -> router.shardFor(id).equals(shard)).toList();
            if (!expected.isEmpty()) {
                used.add(shard);
            }
            String shardUrl = stack.postgres().shard(shard.index()).jdbcUrl();
            assertThat(idsOn(shardUrl, "customers", customers)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(idsOn(shardUrl, "orders", customers)).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(used).hasSize(stack.layout().shardCount());
    }

    private static List<String> idsOn(String shardUrl, String table, List<String> candidates) throws SQLException {
        try (Connection c = DriverManager.getConnection(shardUrl, "backbone", "");
             PreparedStatement query = c.prepareStatement("SELECT customer_id FROM " + table + " WHERE customer_id = ANY (?)")) {
            query.setArray(1, c.createArrayOf("text", candidates.toArray()));
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
