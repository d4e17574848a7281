package dev.backbone.etl.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.ShardId;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.ShardRows;
import dev.backbone.testkit.TestStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class BatchEtlIT {

    private final TestStack stack;
    private final ShardRows shards;
    private final WarehouseQueries warehouse;
    /** A day of its own per test, so the revenue aggregate holds only this test's orders. */
    private final Instant day;
    private final String country;

    BatchEtlIT(TestStack stack) {
        this.stack = stack;
        this.shards = new ShardRows(stack);
        this.warehouse = new WarehouseQueries(stack.layout().warehouseJdbcUrl());
        this.day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3_000))
                .atStartOfDay().toInstant(ZoneOffset.UTC);
        this.country = "X" + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
    }

    @Test
    void shouldLoadInTwoIncrementalRunsExactlyWhatOneBackfillLoads() throws Exception {
        List<String> customers = ids("cus", 12);
        // given a first state, loaded incrementally
        for (String id : customers) {
            shards.customer(id, 1, id + "@old.test", country, at(1));
            shards.order(id, "ord-" + id, 1, "PLACED", 1_000, at(1), at(1));
        }
        etl().run(EtlMode.INCREMENTAL);
        // and changes after it: new e-mails, paid and shipped orders, a payment, a new customer
        for (String id : customers.subList(0, 6)) {
            shards.customer(id, 2, id + "@new.test", country, at(2));
            shards.order(id, "ord-" + id, 2, "PAID", 1_000, at(1), at(2));
            shards.order(id, "ord-" + id, 3, "SHIPPED", 1_000, at(1), at(3));
            shards.payment(id, "pay-" + id, "ord-" + id, 1, "CAPTURED", 1_000, at(2));
        }
        String late = stack.uniqueName("cus");
        customers.add(late);
        shards.customer(late, 1, late + "@late.test", country, at(4));
        shards.order(late, "ord-" + late, 1, "PLACED", 500, at(4), at(4));
        etl().run(EtlMode.INCREMENTAL);
        Map<String, List<String>> incremental = snapshot(customers);

        // when everything is reloaded by a backfill
        etl().run(EtlMode.BACKFILL);

        // then the tables are identical, and hold what the shards say
        assertThat(snapshot(customers)).isEqualTo(incremental);
        assertThat(incremental.get("fact_order")).hasSize(13).filteredOn(r -> r.contains("SHIPPED")).hasSize(6);
        assertThat(incremental.get("fact_payment")).hasSize(6);
        assertThat(incremental.get("agg_daily_revenue")).containsExactlyInAnyOrder(
                day.atZone(ZoneOffset.UTC).toLocalDate() + " | " + country + " | PLACED | EUR | 7 | 6500",
                day.atZone(ZoneOffset.UTC).toLocalDate() + " | " + country + " | SHIPPED | EUR | 6 | 6000");
    }

    @Test
    void shouldChangeNothingWhenWindowsAreLoadedAgain() throws Exception {
        List<String> customers = ids("cus", 5);
        for (String id : customers) {
            shards.customer(id, 1, id + "@a.test", country, at(1));
            shards.order(id, "ord-" + id, 1, "PLACED", 700, at(1), at(1));
            shards.order(id, "ord-" + id, 2, "CANCELLED", 700, at(1), at(2));
        }
        etl().run(EtlMode.INCREMENTAL);
        Map<String, List<String>> once = snapshot(customers);

        // when every watermark is moved back, so all windows are re-read and re-merged
        warehouse.execute("UPDATE etl_watermark SET high_watermark = 0");
        EtlReport rerun = etl().run(EtlMode.INCREMENTAL);

        assertThat(rerun.totalRows()).isGreaterThanOrEqualTo(15);
        assertThat(snapshot(customers)).isEqualTo(once);
    }

    @Test
    void shouldKeepTheHistoryOfAnEmailChangeAsScd2() throws Exception {
        String id = stack.uniqueName("cus");
        shards.customer(id, 1, "first@example.test", country, at(1));
        etl().run(EtlMode.INCREMENTAL);
        shards.customer(id, 2, "second@example.test", country, at(5));
        etl().run(EtlMode.INCREMENTAL);

        assertThat(warehouse.rows("SELECT version, email, valid_from, valid_to, is_current FROM dim_customer"
                + " WHERE customer_id = ? ORDER BY version", id)).containsExactly(
                "1 | first@example.test | " + ts(1) + " | " + ts(5) + " | f",
                "2 | second@example.test | " + ts(5) + " | null | t");
    }

    @Test
    void shouldNotSkipARowWhoseTransactionCommitsAfterALaterOne() throws Exception {
        // given a transaction that writes first but commits last
        String slow = stack.uniqueName("cus");
        String fast = sameShardAs(slow);
        try (Connection open = shards.connect(slow)) {
            open.setAutoCommit(false);
            ShardRows.customer(open, slow, 1, slow + "@slow.test", country, at(1));
            shards.customer(fast, 1, fast + "@fast.test", country, at(1));

            // when the ETL runs while it is still open
            etl().run(EtlMode.INCREMENTAL);
            assertThat(currentEmails(slow, fast)).containsExactly(fast + "@fast.test");
            open.commit();
        }

        // then the next run picks it up
        etl().run(EtlMode.INCREMENTAL);
        assertThat(currentEmails(slow, fast)).containsExactlyInAnyOrder(fast + "@fast.test", slow + "@slow.test");
    }

    private List<String> currentEmails(String... ids) throws SQLException {
        return warehouse.rows("SELECT email FROM dim_customer WHERE is_current AND customer_id = ANY (?)", (Object) ids);
    }

    private String sameShardAs(String customerId) {
        String url = shards.urlFor(customerId);
        while (true) {
            String candidate = stack.uniqueName("cus");
            if (shards.urlFor(candidate).equals(url)) {
                return candidate;
            }
        }
    }

    private Map<String, List<String>> snapshot(List<String> customers) throws SQLException {
        Object ids = customers.toArray(String[]::new);
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("dim_customer", warehouse.rows("SELECT customer_id, version, email, country, status, valid_from, valid_to,"
                + " is_current, source_shard FROM dim_customer WHERE customer_id = ANY (?) ORDER BY 1, 2", ids));
        tables.put("fact_order", warehouse.rows("SELECT order_id, customer_id, status, total_cents, placed_at, paid_at,"
                + " shipped_at, cancelled_at, last_version FROM fact_order WHERE customer_id = ANY (?) ORDER BY 1", ids));
        tables.put("fact_payment", warehouse.rows("SELECT payment_id, status, amount_cents, captured_at, refunded_at, last_version"
                + " FROM fact_payment WHERE customer_id = ANY (?) ORDER BY 1", ids));
        tables.put("agg_daily_revenue", warehouse.rows("SELECT day, country, status, currency, orders, revenue_cents"
                + " FROM agg_daily_revenue WHERE country = ? ORDER BY 1, 2, 3", country));
        return tables;
    }

    private BatchEtl etl() {
        stack.postgres();
        Map<ShardId, String> urls = stack.layout().shardJdbcUrls();
        return new BatchEtl(new EtlSettings(urls, stack.layout().warehouseJdbcUrl(), "backbone", "", 2), line -> { });
    }

    private List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(stack.uniqueName(prefix));
        }
        return ids;
    }

    private Instant at(int hour) {
        return day.plusSeconds(3_600L * hour);
    }

    private String ts(int hour) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(at(hour).atZone(ZoneOffset.UTC)) + "+00";
    }
}
