package dev.backbone.query.index;

import java.util.Locale;
import java.util.Objects;

/**
 * The reading side of the index key layout the index sink writes (streams-topology's
 * {@code IndexKeys}, documented in docs/streams-topology.md): {@code <prefix>email:<lower-case e-mail>}
 * and {@code <prefix>order:<order id>} hold a customer id, {@code <prefix>orders:status:<STATUS>} is a
 * sorted set of order ids scored by placed time (epoch ms).
 *
 * @param prefix prepended to every key, {@value #DEFAULT_PREFIX} in production
 */
public record IndexKeys(String prefix) {

  public static final String DEFAULT_PREFIX = "backbone:idx:";

  public IndexKeys {
    Objects.requireNonNull(prefix, "backbone.query.index-prefix must be set");
  }

  public String email(String email) {
    return prefix + "email:" + email.toLowerCase(Locale.ROOT);
  }

  public String order(String orderId) {
    return prefix + "order:" + orderId;
  }

  public String ordersByStatus(String status) {
    return prefix + "orders:status:" + status;
  }
}
