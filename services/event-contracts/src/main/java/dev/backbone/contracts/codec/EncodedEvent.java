package dev.backbone.contracts.codec;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;

/**
 * An event in its Kafka form, ready to become a producer record. The arrays are shared, not
 * copied: treat them as read-only.
 *
 * @param topic the destination topic name
 * @param key the record key: the UTF-8 subject
 * @param headers the {@code ce_*} and {@code content-type} headers
 * @param value the JSON data
 */
public record EncodedEvent(String topic, byte[] key, List<Header> headers, byte[] value) {

  /** Validates and copies the header list. */
  public EncodedEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    headers = List.copyOf(headers);
  }

  /** Key, header and value bytes: what counts against Kafka's {@code max.request.size}. */
  public int sizeInBytes() {
    int size = key.length + value.length + topic.length();
    for (Header header : headers) {
      size += header.key().length() + (header.value() == null ? 0 : header.value().length);
    }
    return size;
  }
}
