package dev.backbone.topology.internal;

import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The original bytes and position of an input record. Arrays are shared, not copied.
 *
 * @param key original key bytes, may be {@code null}
 * @param value original value bytes, may be {@code null}
 * @param topic source topic ({@code "unknown"} when the record has no metadata)
 * @param partition source partition, -1 when unknown
 * @param offset source offset, -1 when unknown
 */
public record RawRecord(byte[] key, byte[] value, String topic, int partition, long offset) {

  static RawRecord of(byte[] key, byte[] value, java.util.Optional<RecordMetadata> metadata) {
    return metadata
        .map(m -> new RawRecord(key, value, m.topic(), m.partition(), m.offset()))
        .orElseGet(() -> new RawRecord(key, value, "unknown", -1, -1));
  }
}
