package dev.backbone.etl.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.ShardId;
import dev.backbone.stack.ProjectRoot;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.ShardRows;
import dev.backbone.testkit.TestStack;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs every example query of docs/warehouse.md against a loaded warehouse and checks its columns. */
@ExtendWith(LocalStackExtension.class)
class AnalystQueriesIT {

    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n-- columns: ([^\\n]+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void shouldRunEveryDocumentedQueryWithItsDocumentedColumns(TestStack stack) throws Exception {
        // given a warehouse loaded with an e-mail change, a paid+shipped order with its payment, a paid order without
        ShardRows shards = new ShardRows(stack);
        String id = stack.uniqueName("cus");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        shards.customer(id, 1, "before@example.test", "DE", now.minus(3, ChronoUnit.DAYS));
        shards.customer(id, 2, "after@example.test", "DE", now.minus(2, ChronoUnit.DAYS));
        shards.order(id, "ord-" + id, 1, "PLACED", 2_500, now.minus(2, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS));
        shards.order(id, "ord-" + id, 2, "PAID", 2_500, now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        shards.order(id, "ord-" + id, 3, "SHIPPED", 2_500, now.minus(2, ChronoUnit.DAYS), now);
        shards.payment(id, "pay-" + id, "ord-" + id, 1, "CAPTURED", 2_500, now.minus(1, ChronoUnit.DAYS));
        shards.order(id, "unpaid-" + id, 1, "PAID", 900, now.minus(1, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        stack.postgres();
        Map<ShardId, String> urls = stack.layout().shardJdbcUrls();
        new BatchEtl(new EtlSettings(urls, stack.layout().warehouseJdbcUrl(), "backbone", "", 2), line -> { })
                .run(EtlMode.INCREMENTAL);

        // when each documented query runs
        String doc = Files.readString(ProjectRoot.locate().resolve("docs/warehouse.md"));
        Matcher blocks = SQL_BLOCK.matcher(doc);
        int queries = 0;
        try (Connection c = DriverManager.getConnection(stack.layout().warehouseJdbcUrl(), "backbone", "");
             Statement s = c.createStatement()) {
            while (blocks.find()) {
                queries++;
                List<String> documented = Arrays.stream(blocks.group(1).split(",")).map(String::strip).toList();
                try (ResultSet rs = s.executeQuery(blocks.group(2))) {
                    // then it returns the documented columns, and rows
                    assertThat(columns(rs.getMetaData())).as(blocks.group(2)).isEqualTo(documented);
                    assertThat(rs.next()).as("rows of " + blocks.group(2)).isTrue();
                }
            }
        }
        assertThat(queries).isEqualTo(5);
    }

    private static List<String> columns(ResultSetMetaData meta) throws java.sql.SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i));
        }
        return names;
    }
}
