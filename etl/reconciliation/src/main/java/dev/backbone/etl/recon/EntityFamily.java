package dev.backbone.etl.recon;

import java.util.Locale;

/**
 * An entity kind the log and ledger checks compare, with its state store ({@code customer-state},
 * {@code order-state}, {@code payment-state}; their changelog topics hold the latest state of every entity) and
 * the SQL that reduces its shard rows to (k, v) entries for {@link EntryDigest}: k is the entity key of
 * {@link EntityRef}, v the {@link RowVersion#text()} — version and deletion, the part of a row the version
 * guard orders. Every query takes the customer-id LIKE pattern of the run's scope as its first parameter.
 */
enum EntityFamily {

    CUSTOMER(null, "SELECT 'customer:' || customer_id AS k, version::text || ':' || deleted::text AS v,"
            + " customer_id, NULL::text AS entity_id, version, deleted FROM customers WHERE customer_id LIKE ?"),
    ORDER("order_id", "SELECT 'order:' || customer_id || '|' || order_id AS k, version::text || ':false' AS v,"
            + " customer_id, order_id AS entity_id, version, false AS deleted FROM orders WHERE customer_id LIKE ?"),
    PAYMENT("payment_id", "SELECT 'payment:' || customer_id || '|' || payment_id AS k, version::text || ':false' AS v,"
            + " customer_id, payment_id AS entity_id, version, false AS deleted FROM payments WHERE customer_id LIKE ?");

    /** The table's own id column beside customer_id ({@code null} for customers, keyed by customer id alone). */
    private final String idColumn;
    private final String entriesSql;

    EntityFamily(String idColumn, String entriesSql) {
        this.idColumn = idColumn;
        this.entriesSql = entriesSql;
    }

    /** {@code customer}, {@code order} or {@code payment}: the entity name of the topology's state store ({@code BackboneTopology.stateStoreName}). */
    String storeEntity() {
        return label();
    }

    /** {@code customer}, {@code order} or {@code payment}: the family column of recon_discrepancy. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** (segment, xor, count) per segment. Parameters: LIKE pattern. */
    String checksumSql() {
        return "SELECT seg, bit_xor(chk), count(*) FROM (SELECT " + EntryDigest.SQL_SEGMENT + " AS seg, "
                + EntryDigest.SQL_CHECKSUM + " AS chk FROM (" + entriesSql + ") e) x GROUP BY seg";
    }

    /** (customer_id, entity_id, version, deleted) of the rows in some segments. Parameters: LIKE pattern, int4[] segments. */
    String rowsInSegmentsSql() {
        return "SELECT customer_id, entity_id, version, deleted FROM (" + entriesSql + ") e WHERE " + EntryDigest.SQL_SEGMENT + " = ANY (?)";
    }

    /**
     * (customer_id, entity_id, version, deleted) of named entities, by the primary key's columns.
     * Parameters: LIKE pattern, text[] customer ids, and for orders and payments text[] of their ids (a superset
     * is filtered by the caller).
     */
    String rowsByIdSql() {
        String select = "SELECT customer_id, entity_id, version, deleted FROM (" + entriesSql + " AND customer_id = ANY (?)";
        return idColumn == null ? select + ") e" : select + " AND " + idColumn + " = ANY (?)) e";
    }

    /** Whether a row is named by its customer id and an id of its own (orders, payments), not the customer id alone. */
    boolean ownsId() {
        return idColumn != null;
    }

    /** The LIKE pattern matching customer ids that start with {@code prefix}. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
