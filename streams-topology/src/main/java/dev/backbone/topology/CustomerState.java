package dev.backbone.topology;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A customer as folded from its events; one row of the shard's {@code customers} table.
 *
 * @param customerId the aggregate id (sharding key)
 * @param email current e-mail, {@code null} until known
 * @param fullName current name, {@code null} until known
 * @param deleted {@code true} after a deleted event; kept so that older events cannot resurrect it
 * @param version the sequence of the last applied event
 * @param createdAt time of the first applied event
 * @param updatedAt time of the last applied event
 */
public record CustomerState(
    String customerId, String email, String fullName, boolean deleted, long version, Instant createdAt, Instant updatedAt)
    implements Versioned {

  /** Times are kept at PostgreSQL's precision (microseconds), like {@link OrderState}'s. */
  public CustomerState {
    createdAt = EventTimes.atStorePrecision(createdAt);
    updatedAt = EventTimes.atStorePrecision(updatedAt);
  }

  /** {@code ACTIVE} or {@code DELETED}: the {@code status} column. */
  @JsonIgnore
  public String status() {
    return deleted ? "DELETED" : "ACTIVE";
  }
}
