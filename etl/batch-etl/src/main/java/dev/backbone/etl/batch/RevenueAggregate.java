package dev.backbone.etl.batch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Set;

/**
 * Recomputes {@code agg_daily_revenue} for whole days from the fact and dimension tables. Loads of
 * different shards touch the same days, so the recompute is serialised by a transaction-scoped
 * advisory lock: the second load waits, then (read committed) sees the first one's facts.
 */
final class RevenueAggregate {

    private static final long LOCK_KEY = 0x6167675f726576L; // "agg_rev"

    private RevenueAggregate() {
    }

    static void recompute(Connection warehouse, Set<LocalDate> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        try (Statement lock = warehouse.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
        Array dayArray = warehouse.createArrayOf("date", days.stream().map(java.sql.Date::valueOf).toArray());
        try (PreparedStatement delete = warehouse.prepareStatement("DELETE FROM agg_daily_revenue WHERE day = ANY (?)");
             PreparedStatement insert = warehouse.prepareStatement("""
                     INSERT INTO agg_daily_revenue (day, country, status, currency, orders, revenue_cents)
                     SELECT o.placed_at::date, coalesce(c.country, 'UNKNOWN'), o.status, o.currency,
                            count(*), sum(o.total_cents)
                     FROM fact_order o
                     LEFT JOIN dim_customer c ON c.customer_id = o.customer_id AND c.is_current
                     WHERE o.placed_at::date = ANY (?)
                     GROUP BY 1, 2, 3, 4""")) {
            delete.setArray(1, dayArray);
            delete.executeUpdate();
            insert.setArray(1, dayArray);
            insert.executeUpdate();
        }
    }
}
