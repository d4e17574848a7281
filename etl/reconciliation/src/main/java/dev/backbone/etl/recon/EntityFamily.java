package dev.backbone.etl.recon;

import java.util.Locale;

/**
 * An entity kind the log and ledger checks compare, with its state store ({@code customer-state},
 * {@code order-state}; their changelog topics hold the latest state of every entity) and the SQL that reduces
 * its shard rows to (k, v) entries for {@link EntryDigest}: k is the entity key of {@link EntityRef},
 * v the {@link RowVersion#text()} — version and deletion, the part of a row the version guard orders.
 * Every query takes the customer-id LIKE pattern of the run's scope as its first parameter.
 */
enum EntityFamily {

    CUSTOMER("SELECT 'customer:' || customer_id AS k, version::text || ':' || deleted::text AS v,"
            + " customer_id, NULL::text AS order_id, version, deleted FROM customers WHERE customer_id LIKE ?"),
    ORDER("SELECT 'order:' || customer_id || '|' || order_id AS k, version::text || ':false' AS v,"
            + " customer_id, order_id, version, false AS deleted FROM orders WHERE customer_id LIKE ?");

    private final String entriesSql;

    EntityFamily(String entriesSql) {
        this.entriesSql = entriesSql;
    }

    /** {@code customer} or {@code order}: the entity name of the topology's state store ({@code BackboneTopology.stateStoreName}). */
    String storeEntity() {
        return label();
    }

    /** {@code customer} or {@code order}: the family column of recon_discrepancy. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** (segment, xor, count) per segment. Parameters: LIKE pattern. */
    String checksumSql() {
        return "SELECT seg, bit_xor(chk), count(*) FROM (SELECT " + EntryDigest.SQL_SEGMENT + " AS seg, "
                + EntryDigest.SQL_CHECKSUM + " AS chk FROM (" + entriesSql + ") e) x GROUP BY seg";
    }

    /** (customer_id, order_id, version, deleted) of the rows in some segments. Parameters: LIKE pattern, int4[] segments. */
    String rowsInSegmentsSql() {
        return "SELECT customer_id, order_id, version, deleted FROM (" + entriesSql + ") e WHERE " + EntryDigest.SQL_SEGMENT + " = ANY (?)";
    }

    /**
     * (customer_id, order_id, version, deleted) of named entities, by the primary key's columns.
     * Parameters: LIKE pattern, text[] customer ids, text[] order ids (orders only; a superset is filtered by the caller).
     */
    String rowsByIdSql() {
        String select = "SELECT customer_id, order_id, version, deleted FROM (" + entriesSql + " AND customer_id = ANY (?)";
        return this == CUSTOMER ? select + ") e" : select + " AND order_id = ANY (?)) e";
    }

    /** The LIKE pattern matching customer ids that start with {@code prefix}. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
