package dev.backbone.topology.index;

import java.util.Locale;
import java.util.Objects;

/**
 * Key layout of the Redis secondary index, under a prefix (tests use a unique one each):
 * {@code <prefix>email:<lower-case e-mail>} → customer id, {@code <prefix>order:<order id>} →
 * customer id, {@code <prefix>orders:status:<STATUS>} → sorted set of order ids by placed time.
 *
 * @param prefix prepended to every key, e.g. {@code backbone:idx:}
 */
public record IndexKeys(String prefix) {

  /** The production prefix. */
  public static final String DEFAULT_PREFIX = "backbone:idx:";

  /** Checks presence. */
  public IndexKeys {
    Objects.requireNonNull(prefix, "backbone.index.key-prefix must be set");
  }

  /** Key of an e-mail's entry; e-mails are compared case-insensitively. */
  public String email(String email) {
    return prefix + "email:" + email.toLowerCase(Locale.ROOT);
  }

  /** Key of an order id's entry. */
  public String order(String orderId) {
    return prefix + "order:" + orderId;
  }

  /** Key of the sorted set of orders in a status. */
  public String ordersByStatus(String status) {
    return prefix + "orders:status:" + status;
  }
}
