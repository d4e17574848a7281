package dev.backbone.topology.fuzz;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.header.Header;

/**
 * One Kafka record of a fuzz run and what the topology must do with it: fold it (no reasons) or
 * dead-letter it with one of {@code reasons}. The arrays are shared, not copied.
 *
 * @param topic the domain topic it is written to
 * @param key the key bytes, may be {@code null}
 * @param headers the headers (a header value may be {@code null})
 * @param value the value bytes, may be {@code null} (a tombstone)
 * @param reasons acceptable {@code dlq.reason}s; empty for a valid event, which must be folded
 * @param label what was done to it, for failure messages (e.g. {@code BAD_ATTRIBUTE ce_time='yesterday'})
 */
public record FuzzRecord(String topic, byte[] key, List<Header> headers, byte[] value, Set<String> reasons,
    String label) {

  /** Checks presence and copies the lists. */
  public FuzzRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(label, "label");
    headers = List.copyOf(headers);
    reasons = Set.copyOf(reasons);
  }

  /** {@code true} when the record must reach the DLQ. */
  public boolean malformed() {
    return !reasons.isEmpty();
  }

  @Override
  public String toString() {
    return label + " → " + (malformed() ? reasons : "folded") + " on " + topic;
  }
}
