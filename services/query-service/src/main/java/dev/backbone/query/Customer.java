package dev.backbone.query;

import java.time.Instant;

/** A customer row as stored on its shard (soft-deleted rows are never returned). */
public record Customer(
    String customerId, String email, String fullName, String status, long version, Instant createdAt,
    Instant updatedAt) {
}
