package dev.backbone.etl.recon;

import dev.backbone.topology.OutputTopic;
import java.util.Locale;

/**
 * An entity kind the log and ledger checks compare, with its change topic and the SQL that reduces
 * its shard rows to (k, v) entries for {@link EntryDigest}: k is the entity key of {@link EntityRef},
 * v the {@link RowVersion#text()} — version and deletion, the part of a row the version guard orders.
 * Every query takes the customer-id LIKE pattern of the run's scope as its first parameter.
 */
enum EntityFamily {

    CUSTOMER(OutputTopic.CUSTOMER_CHANGES, "SELECT 'customer:' || customer_id AS k, version::text || ':' || deleted::text AS v,"
            + " customer_id, NULL::text AS order_id, version, deleted FROM customers WHERE customer_id LIKE ?"),
    ORDER(OutputTopic.ORDER_CHANGES, "SELECT 'order:' || customer_id || '|' || order_id AS k, version::text || ':false' AS v,"
            + " customer_id, order_id, version, false AS deleted FROM orders WHERE customer_id LIKE ?");

    private final OutputTopic topic;
    private final String entriesSql;

    EntityFamily(OutputTopic topic, String entriesSql) {
        this.topic = topic;
        this.entriesSql = entriesSql;
    }

    String topicName() {
        return topic.topicName();
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
