package dev.backbone.etl.recon;

/**
 * A kind of index entry, with the SQL that derives its expected entries from one shard's rows.
 * Entries are (relative key, value) text pairs; a sorted-set member is the pseudo-entry
 * {@code orders:status:<STATUS>|<order id>} with its score (epoch ms) as value.
 */
enum IndexFamily {

    EMAIL("SELECT 'email:' || lower(email) AS k, customer_id AS v FROM customers WHERE NOT deleted AND email IS NOT NULL",
            "lower(email)", "email:"),
    ORDER("SELECT 'order:' || order_id AS k, customer_id AS v FROM orders", "order_id", "order:"),
    ORDER_STATUS("SELECT 'orders:status:' || status || '|' || order_id AS k,"
            + " floor(extract(epoch FROM placed_at) * 1000)::bigint::text AS v FROM orders", "order_id", "|");

    private final String expectedEntriesSql;
    private final String lookupColumn;
    private final String idMarker;

    IndexFamily(String expectedEntriesSql, String lookupColumn, String idMarker) {
        this.expectedEntriesSql = expectedEntriesSql;
        this.lookupColumn = lookupColumn;
        this.idMarker = idMarker;
    }

    /** (k, v) rows the shard's data implies. */
    String expectedEntriesSql() {
        return expectedEntriesSql;
    }

    /** (k, v) rows for a batch of natural ids ({@code ?} = text array), by an indexed column. */
    String expectedByIdsSql() {
        return expectedEntriesSql + (expectedEntriesSql.contains(" WHERE ") ? " AND " : " WHERE ") + lookupColumn + " = ANY (?)";
    }

    /** The natural id inside a relative key: the e-mail, or the order id. */
    String naturalId(String relativeKey) {
        int at = relativeKey.indexOf(idMarker);
        if (at < 0) {
            throw new IllegalArgumentException(this + " key without '" + idMarker + "': " + relativeKey);
        }
        return relativeKey.substring(at + idMarker.length());
    }
}
