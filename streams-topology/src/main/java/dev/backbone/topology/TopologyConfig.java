package dev.backbone.topology;

import dev.backbone.contracts.codec.EventEnvelopeCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * Typed, validated settings of the topology ({@code backbone.topology.*}).
 *
 * @param dedupTtl how long an event id is remembered for de-duplication ({@code dedup-ttl}); the
 *     store holds at most this much history, so memory stays bounded
 * @param maxRecordBytes records with a larger key + value go to the DLQ as {@code OVERSIZED}
 *     ({@code max-record-bytes})
 */
public record TopologyConfig(Duration dedupTtl, int maxRecordBytes) {

  /** Default {@code dedup-ttl}: 7 days. */
  public static final Duration DEFAULT_DEDUP_TTL = Duration.ofDays(7);
  /** Default {@code max-record-bytes}: Kafka's default {@code max.message.bytes}. */
  public static final int DEFAULT_MAX_RECORD_BYTES = EventEnvelopeCodec.DEFAULT_MAX_RECORD_BYTES;

  /** Validates every setting, naming the key and the value on error. */
  public TopologyConfig {
    Objects.requireNonNull(dedupTtl, "backbone.topology.dedup-ttl must be set");
    if (dedupTtl.isNegative() || dedupTtl.isZero()) {
      throw new IllegalArgumentException("backbone.topology.dedup-ttl must be > 0 but was " + dedupTtl);
    }
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("backbone.topology.max-record-bytes must be > 0 but was " + maxRecordBytes);
    }
  }

  /** All defaults. */
  public static TopologyConfig defaults() {
    return new TopologyConfig(DEFAULT_DEDUP_TTL, DEFAULT_MAX_RECORD_BYTES);
  }

  /** A copy with another {@code dedup-ttl}. */
  public TopologyConfig withDedupTtl(Duration ttl) {
    return new TopologyConfig(ttl, maxRecordBytes);
  }

  /** A copy with another {@code max-record-bytes}. */
  public TopologyConfig withMaxRecordBytes(int bytes) {
    return new TopologyConfig(dedupTtl, bytes);
  }
}
