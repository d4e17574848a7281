package dev.backbone.query.index;

/**
 * An index entry that a shard row contradicted: the entry named {@code indexedCustomerId} but the row
 * was missing, soft-deleted, or no longer matched.
 *
 * @param key the full Redis key (for a status set: the set's key)
 * @param member the sorted-set member, or {@code null} for a string entry
 * @param observedScore the member's score as the query saw it, or {@code null} for a string entry
 * @param indexedCustomerId what the index said, or {@code null} when the index had no owner
 * @param reason what the row showed, e.g. {@code email changed}
 */
public record StaleEntry(String key, String member, Long observedScore, String indexedCustomerId, String reason) {

  /** A stale string entry ({@code email:}, {@code order:}): the key held {@code indexedCustomerId}. */
  public static StaleEntry string(String key, String indexedCustomerId, String reason) {
    return new StaleEntry(key, null, null, indexedCustomerId, reason);
  }

  /** A stale member of a status set: {@code orderId} with score {@code placedAtMillis}. */
  public static StaleEntry statusMember(String key, String orderId, long placedAtMillis, String owner, String reason) {
    return new StaleEntry(key, orderId, placedAtMillis, owner, reason);
  }
}
