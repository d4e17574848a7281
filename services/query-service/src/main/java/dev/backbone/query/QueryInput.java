package dev.backbone.query;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates and normalises request parameters. Every method either returns a clean value or throws
 * {@link InvalidQueryException} naming the parameter, the rule and the rejected value, so bad input
 * never reaches Redis or a shard.
 */
public final class QueryInput {

  /** Order statuses the topology writes. */
  public static final List<String> ORDER_STATUSES = List.of("PLACED", "PAID", "SHIPPED", "CANCELLED");
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  /** Ids are 1..128 characters (the event schemas' bound) of a conservative character set. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
  /** Pragmatic e-mail shape: local@domain with a dot in the domain, no spaces, at most 254 characters. */
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+");
  private static final int MAX_EMAIL = 254;

  private QueryInput() {
  }

  public static String customerId(String raw) {
    return id("customerId", raw);
  }

  public static String orderId(String raw) {
    return id("orderId", raw);
  }

  /** The e-mail, lower-cased (the index compares e-mails case-insensitively). */
  public static String email(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidQueryException("email", "email is required");
    }
    if (raw.length() > MAX_EMAIL || !EMAIL.matcher(raw).matches()) {
      throw new InvalidQueryException("email", "email must look like name@domain.tld (at most " + MAX_EMAIL
          + " characters, no spaces), but was '" + abbreviate(raw) + "'");
    }
    return raw.toLowerCase(Locale.ROOT);
  }

  public static String orderStatus(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidQueryException("status", "status is required, one of " + ORDER_STATUSES);
    }
    if (!ORDER_STATUSES.contains(raw)) {
      throw new InvalidQueryException("status", "status must be one of " + ORDER_STATUSES + ", but was '"
          + abbreviate(raw) + "'");
    }
    return raw;
  }

  /** Parses the limit parameter's text (absent means {@value #DEFAULT_LIMIT}). */
  public static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      return checkedLimit(Integer.parseInt(raw));
    } catch (NumberFormatException e) {
      throw new InvalidQueryException("limit", "limit must be an integer between 1 and " + MAX_LIMIT
          + ", but was '" + abbreviate(raw) + "'");
    }
  }

  /** Parses {@code <epoch ms>} or {@code <epoch ms>:<order id>}; absent means "from the newest". */
  public static OrderCursor before(String raw) {
    if (raw == null) {
      return null;
    }
    int colon = raw.indexOf(':');
    String millis = colon < 0 ? raw : raw.substring(0, colon);
    long placedAt;
    try {
      placedAt = Long.parseLong(millis);
    } catch (NumberFormatException e) {
      throw badCursor(raw);
    }
    if (placedAt < 0) {
      throw badCursor(raw);
    }
    if (colon < 0) {
      return new OrderCursor(placedAt, null);
    }
    String orderId = raw.substring(colon + 1);
    if (!ID.matcher(orderId).matches()) {
      throw badCursor(raw);
    }
    return new OrderCursor(placedAt, orderId);
  }

  private static int checkedLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidQueryException("limit", "limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
    }
    return limit;
  }

  private static InvalidQueryException badCursor(String raw) {
    return new InvalidQueryException("before", "before must be a cursor '<epoch ms>' or '<epoch ms>:<order id>'"
        + " (the nextCursor of a previous page), but was '" + abbreviate(raw) + "'");
  }

  private static String id(String parameter, String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidQueryException(parameter, parameter + " is required");
    }
    if (!ID.matcher(raw).matches()) {
      throw new InvalidQueryException(parameter, parameter + " must be 1 to 128 characters of letters, digits and"
          + " . _ : @ - (starting with a letter or digit), but was '" + abbreviate(raw) + "'");
    }
    return raw;
  }

  private static String abbreviate(String raw) {
    String printable = raw.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
  }
}
