package dev.backbone.index;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Key layout of the Redis secondary index, under a prefix (tests use a unique one each):
 * <ul>
 *   <li>{@code <prefix>email:<lower-case e-mail>} → customer id (string; an e-mail belongs to one customer)</li>
 *   <li>{@code <prefix>order:<order id>} → customer id (string)</li>
 *   <li>{@code <prefix>orders:status:<STATUS>} → sorted set of order ids, score = placed time in epoch ms</li>
 * </ul>
 * Every entry is a pure function of shard rows (invariant 3): readers verify hits against the row.
 *
 * @param prefix prepended to every key, e.g. {@link #DEFAULT_PREFIX}
 */
public record IndexKeys(String prefix) {

    /** The production prefix. */
    public static final String DEFAULT_PREFIX = "backbone:idx:";
    static final String EMAIL = "email:";
    static final String ORDER = "order:";
    static final String ORDERS_BY_STATUS = "orders:status:";

    public IndexKeys {
        Objects.requireNonNull(prefix, "backbone.index.key-prefix must be set");
    }

    /** Key of an e-mail's entry; e-mails are compared case-insensitively (ASCII folding, Locale.ROOT). */
    public String email(String email) {
        return prefix + EMAIL + email.toLowerCase(Locale.ROOT);
    }

    /** Key of an order id's entry. */
    public String order(String orderId) {
        return prefix + ORDER + orderId;
    }

    /** Key of the sorted set of orders in a status. */
    public String ordersByStatus(String status) {
        return prefix + ORDERS_BY_STATUS + status;
    }

    /** SCAN pattern of all e-mail entries. */
    public String emailPattern() {
        return prefix + EMAIL + "*";
    }

    /** SCAN pattern of all order entries. */
    public String orderPattern() {
        return prefix + ORDER + "*";
    }

    /** SCAN pattern of all status sets. */
    public String ordersByStatusPattern() {
        return prefix + ORDERS_BY_STATUS + "*";
    }

    /** The status a status-set key names, if it is one. */
    public Optional<String> statusOf(String key) {
        String head = prefix + ORDERS_BY_STATUS;
        return key.startsWith(head) ? Optional.of(key.substring(head.length())) : Optional.empty();
    }

    /** The key without the prefix, e.g. {@code email:a@b.c}. */
    public String relative(String key) {
        if (!key.startsWith(prefix)) {
            throw new IllegalArgumentException("key '" + key + "' is not under the index prefix '" + prefix + "'");
        }
        return key.substring(prefix.length());
    }
}
