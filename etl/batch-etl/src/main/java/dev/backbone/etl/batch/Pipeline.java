package dev.backbone.etl.batch;

import java.util.List;

/**
 * One source-to-warehouse flow. Each reads a shard's append-only {@code *_versions} table by
 * transaction-id watermark, stages the window with binary COPY, merges it idempotently (versions
 * are immutable: a version already loaded is skipped) and re-derives the rows of the touched keys
 * from the complete history, so the result never depends on how the windows were cut.
 */
public enum Pipeline {

    CUSTOMERS(
            "customer_versions",
            "customer_id, version, email, full_name, country, status, deleted, updated_at",
            "customer_id text, version bigint, email text, full_name text, country text, status text, deleted boolean,"
                    + " updated_at timestamptz",
            List.of("""
                    INSERT INTO dim_customer (customer_id, version, email, full_name, country, status, deleted,
                                              valid_from, valid_to, is_current, source_shard)
                    SELECT customer_id, version, email, full_name, country, status, deleted, updated_at, NULL, false, ?
                    FROM stage
                    ON CONFLICT (customer_id, version) DO NOTHING""",
                    // SCD2: each version is valid until the next one; the last is current.
                    """
                    UPDATE dim_customer d
                    SET valid_to = x.next_from, is_current = (x.next_from IS NULL)
                    FROM (SELECT customer_id, version,
                                 lead(valid_from) OVER (PARTITION BY customer_id ORDER BY version) AS next_from
                          FROM dim_customer
                          WHERE customer_id IN (SELECT customer_id FROM stage)) x
                    WHERE d.customer_id = x.customer_id AND d.version = x.version
                      AND (d.valid_to IS DISTINCT FROM x.next_from OR d.is_current IS DISTINCT FROM (x.next_from IS NULL))"""),
            // A customer's country feeds the revenue aggregate of every day they ordered on.
            "SELECT DISTINCT placed_at::date FROM fact_order WHERE customer_id IN (SELECT customer_id FROM stage)"),

    ORDERS(
            "order_versions",
            "customer_id, order_id, version, status, total_cents, currency, placed_at, updated_at",
            "customer_id text, order_id text, version bigint, status text, total_cents bigint, currency char(3),"
                    + " placed_at timestamptz, updated_at timestamptz",
            List.of("""
                    INSERT INTO raw_order_versions (customer_id, order_id, version, status, total_cents, currency,
                                                    placed_at, updated_at, source_shard)
                    SELECT customer_id, order_id, version, status, total_cents, currency, placed_at, updated_at, ?
                    FROM stage
                    ON CONFLICT (customer_id, order_id, version) DO NOTHING""",
                    """
                    WITH touched AS (SELECT DISTINCT customer_id, order_id FROM stage),
                         history AS (SELECT v.* FROM raw_order_versions v JOIN touched USING (customer_id, order_id)),
                         latest AS (SELECT DISTINCT ON (customer_id, order_id) * FROM history
                                    ORDER BY customer_id, order_id, version DESC),
                         times AS (SELECT customer_id, order_id,
                                          min(updated_at) FILTER (WHERE status = 'PAID') AS paid_at,
                                          min(updated_at) FILTER (WHERE status = 'SHIPPED') AS shipped_at,
                                          min(updated_at) FILTER (WHERE status = 'CANCELLED') AS cancelled_at
                                   FROM history GROUP BY customer_id, order_id)
                    INSERT INTO fact_order (order_id, customer_id, status, total_cents, currency, placed_at,
                                            paid_at, shipped_at, cancelled_at, last_version, source_shard)
                    SELECT l.order_id, l.customer_id, l.status, l.total_cents, l.currency, l.placed_at,
                           t.paid_at, t.shipped_at, t.cancelled_at, l.version, l.source_shard
                    FROM latest l JOIN times t USING (customer_id, order_id)
                    ON CONFLICT (customer_id, order_id) DO UPDATE SET
                        status = EXCLUDED.status, total_cents = EXCLUDED.total_cents, currency = EXCLUDED.currency,
                        placed_at = EXCLUDED.placed_at, paid_at = EXCLUDED.paid_at, shipped_at = EXCLUDED.shipped_at,
                        cancelled_at = EXCLUDED.cancelled_at, last_version = EXCLUDED.last_version,
                        source_shard = EXCLUDED.source_shard"""),
            "SELECT DISTINCT placed_at::date FROM stage"),

    PAYMENTS(
            "payment_versions",
            "customer_id, payment_id, version, order_id, status, amount_cents, currency, updated_at",
            "customer_id text, payment_id text, version bigint, order_id text, status text, amount_cents bigint,"
                    + " currency char(3), updated_at timestamptz",
            List.of("""
                    INSERT INTO raw_payment_versions (customer_id, payment_id, version, order_id, status, amount_cents,
                                                      currency, updated_at, source_shard)
                    SELECT customer_id, payment_id, version, order_id, status, amount_cents, currency, updated_at, ?
                    FROM stage
                    ON CONFLICT (customer_id, payment_id, version) DO NOTHING""",
                    """
                    WITH touched AS (SELECT DISTINCT customer_id, payment_id FROM stage),
                         history AS (SELECT v.* FROM raw_payment_versions v JOIN touched USING (customer_id, payment_id)),
                         latest AS (SELECT DISTINCT ON (customer_id, payment_id) * FROM history
                                    ORDER BY customer_id, payment_id, version DESC),
                         times AS (SELECT customer_id, payment_id,
                                          min(updated_at) FILTER (WHERE status = 'CAPTURED') AS captured_at,
                                          min(updated_at) FILTER (WHERE status = 'REFUNDED') AS refunded_at
                                   FROM history GROUP BY customer_id, payment_id)
                    INSERT INTO fact_payment (payment_id, customer_id, order_id, status, amount_cents, currency,
                                              captured_at, refunded_at, last_version, source_shard)
                    SELECT l.payment_id, l.customer_id, l.order_id, l.status, l.amount_cents, l.currency,
                           t.captured_at, t.refunded_at, l.version, l.source_shard
                    FROM latest l JOIN times t USING (customer_id, payment_id)
                    ON CONFLICT (customer_id, payment_id) DO UPDATE SET
                        order_id = EXCLUDED.order_id, status = EXCLUDED.status, amount_cents = EXCLUDED.amount_cents,
                        currency = EXCLUDED.currency, captured_at = EXCLUDED.captured_at,
                        refunded_at = EXCLUDED.refunded_at, last_version = EXCLUDED.last_version,
                        source_shard = EXCLUDED.source_shard"""),
            null);

    private final String sourceTable;
    private final String columns;
    private final String stageColumns;
    private final List<String> mergeStatements;
    private final String affectedDaysQuery;

    Pipeline(String sourceTable, String columns, String stageColumns, List<String> mergeStatements, String affectedDaysQuery) {
        this.sourceTable = sourceTable;
        this.columns = columns;
        this.stageColumns = stageColumns;
        this.mergeStatements = mergeStatements;
        this.affectedDaysQuery = affectedDaysQuery;
    }

    /** Lower-case name used as the watermark key and in etl_run. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    String extractCopy(long fromWatermark) {
        return "COPY (SELECT " + columns + " FROM " + sourceTable + " WHERE change_xid >= '" + fromWatermark
                + "'::xid8) TO STDOUT (FORMAT binary)";
    }

    String createStage() {
        return "CREATE TEMP TABLE stage (" + stageColumns + ") ON COMMIT DROP";
    }

    String loadCopy() {
        return "COPY stage (" + columns + ") FROM STDIN (FORMAT binary)";
    }

    /** Statements to run in order; a {@code ?} stands for the source shard's name. */
    List<String> mergeStatements() {
        return mergeStatements;
    }

    /** Days whose revenue aggregate the staged rows can change, or null when none. */
    String affectedDaysQuery() {
        return affectedDaysQuery;
    }
}
