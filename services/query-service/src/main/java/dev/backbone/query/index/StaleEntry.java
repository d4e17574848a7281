package dev.backbone.query.index;

/**
 * An index entry that a shard row contradicted: the entry named {@code indexedCustomerId} but the row
 * was missing, soft-deleted, or no longer matched.
 *
 * @param key the full Redis key (for a status set: the set's key)
 * @param member the sorted-set member, or {@code null} for a string entry
 * @param indexedCustomerId what the index said, or {@code null} when the index had no owner
 * @param reason what the row showed, e.g. {@code email changed}
 */
public record StaleEntry(String key, String member, String indexedCustomerId, String reason) {
}
