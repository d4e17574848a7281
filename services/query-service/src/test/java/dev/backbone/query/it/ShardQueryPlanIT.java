package dev.backbone.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.query.shard.JdbcShardReader;
import dev.backbone.stack.StackLayout;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scatter-gather look-ups run on every shard for every request while Redis is down, so each must
 * read one index entry on a real shard (migrated by Flyway), never walk a table or another index.
 * Sequential scans are switched off for the check: the shared test shards may be nearly empty, where
 * a scan is legitimately cheapest, and what matters is which index the planner picks when it must.
 */
@ExtendWith(LocalStackExtension.class)
class ShardQueryPlanIT {

  private final TestStack stack;

  ShardQueryPlanIT(TestStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldFindTheNewestCustomerWithAnEmailInTheEmailIndexAlone() throws SQLException {
    String plan = plan(JdbcShardReader.CUSTOMER_BY_EMAIL, "someone@example.com");

    assertThat(plan).contains("Index Scan using customers_lower_email_updated_idx")
        .doesNotContain("Sort").doesNotContain("customers_updated_at_idx");
  }

  @Test
  void shouldFindAnOrderByIdInTheOrderIdIndex() throws SQLException {
    assertThat(plan(JdbcShardReader.ORDER_BY_ID, "no-such-order")).contains("orders_order_id_idx");
  }

  private String plan(String sql, String parameter) throws SQLException {
    stack.postgres();
    try (Connection shard = DriverManager.getConnection(stack.layout().shardJdbcUrl(0), StackLayout.DATABASE_USER, "")) {
      try (Statement settings = shard.createStatement()) {
        settings.execute("SET enable_seqscan = off");
      }
      try (PreparedStatement explain = shard.prepareStatement("EXPLAIN " + sql)) {
        explain.setString(1, parameter);
        StringBuilder plan = new StringBuilder();
        try (ResultSet lines = explain.executeQuery()) {
          while (lines.next()) {
            plan.append(lines.getString(1)).append('\n');
          }
        }
        return plan.toString();
      }
    }
  }
}
