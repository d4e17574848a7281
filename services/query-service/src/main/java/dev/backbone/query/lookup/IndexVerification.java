package dev.backbone.query.lookup;

import dev.backbone.query.Customer;
import dev.backbone.query.Order;
import dev.backbone.query.index.IndexReader.IndexedOrder;
import java.util.Optional;

/**
 * Decides whether a shard row confirms an index entry (invariant 3: an index hit is a hint, the row is
 * the truth). Each method returns the reason the entry is stale, or empty when the row confirms it.
 */
final class IndexVerification {

  private IndexVerification() {
  }

  /** {@code email:<e-mail>} → customer: the live row must still carry that e-mail (ignoring case). */
  static Optional<String> emailEntry(String lowerCaseEmail, Optional<Customer> row) {
    if (row.isEmpty()) {
      return Optional.of("customer row missing or deleted");
    }
    String email = row.get().email();
    if (email == null || !email.equalsIgnoreCase(lowerCaseEmail)) {
      return Optional.of("customer e-mail is now " + (email == null ? "empty" : "different"));
    }
    return Optional.empty();
  }

  /** {@code order:<id>} → customer: the owner's shard must hold that order. */
  static Optional<String> orderEntry(Optional<Order> row) {
    return row.isPresent() ? Optional.empty() : Optional.of("order row missing on the owner's shard");
  }

  /** A status-set member: the row must exist, be in that status and placed at the entry's score. */
  static Optional<String> statusEntry(String status, IndexedOrder entry, Optional<Order> row) {
    if (row.isEmpty()) {
      return Optional.of("order row missing");
    }
    if (!row.get().status().equals(status)) {
      return Optional.of("order status is now " + row.get().status());
    }
    if (row.get().placedAt().toEpochMilli() != entry.placedAtMillis()) {
      return Optional.of("order placed time differs from the score");
    }
    return Optional.empty();
  }
}
