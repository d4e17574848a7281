package dev.backbone.topology.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.backbone.topology.DeadLetterHeaders;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Makes a dead letter fit what the app's producer and the DLQ topic accept (Kafka's 1 MiB defaults),
 * so that no input, however large, can stop the app: a dead letter the producer refuses fails the
 * stream thread, which would re-read the same record after every restart. The input topics admit
 * records up to their own limit, which applies to compressed batches, and a dead letter adds
 * headers to the record — so without this a near-1 MB record that fails validation, or an
 * {@code OVERSIZED} one, would be refused.
 *
 * <p>What does not fit is cut, and the letter says so ({@link DeadLetterHeaders#TRUNCATED_VALUE_BYTES},
 * {@link DeadLetterHeaders#DROPPED_HEADERS}, {@link DeadLetterHeaders#TRUNCATED_KEY_BYTES}): an
 * overlong key keeps its first bytes, then the input's own headers go, then the value keeps its first
 * bytes. The whole record stays in its source topic, at the position the letter names.
 */
final class DeadLetterFit {

  /**
   * Bytes a dead letter's key, value and headers may take: Kafka's default {@code max.request.size}
   * and {@code max.message.bytes} (1 MiB) less room for the record and batch framing.
   */
  static final int BUDGET = 1_048_576 - 16_384;
  /** A key longer than this is cut when the letter does not fit (a key is an aggregate id: short). */
  static final int MAX_KEPT_KEY_BYTES = 4_096;
  /** The reason's detail is cut to this many characters: it quotes values, which may be huge. */
  static final int MAX_DETAIL_CHARS = 2_048;

  private DeadLetterFit() {
  }

  /** A dead letter as it will be produced. */
  record Letter(byte[] key, byte[] value, Headers headers) {
  }

  /**
   * @param key the original key (may be null)
   * @param value the original value (may be null)
   * @param original the input record's headers
   * @param added the dead-letter headers to append
   */
  static Letter fit(byte[] key, byte[] value, Headers original, Headers added) {
    int keyBytes = key == null ? 0 : key.length;
    int valueBytes = value == null ? 0 : value.length;
    int originalBytes = size(original);
    int addedBytes = size(added);
    Headers headers = new RecordHeaders();
    if (keyBytes + addedBytes + originalBytes + valueBytes <= BUDGET) {
      original.forEach(headers::add);
      added.forEach(headers::add);
      return new Letter(key, value, headers);
    }
    if (keyBytes > MAX_KEPT_KEY_BYTES) {
      added = copyOf(added);
      added.add(DeadLetterHeaders.TRUNCATED_KEY_BYTES, Integer.toString(keyBytes).getBytes(UTF_8));
      key = Arrays.copyOf(key, MAX_KEPT_KEY_BYTES);
      keyBytes = MAX_KEPT_KEY_BYTES;
      addedBytes = size(added);
    }
    boolean keepOriginal = keyBytes + addedBytes + originalBytes <= BUDGET / 2;
    if (keepOriginal) {
      original.forEach(headers::add);
    } else {
      headers.add(DeadLetterHeaders.DROPPED_HEADERS, Integer.toString(originalBytes).getBytes(UTF_8));
    }
    added.forEach(headers::add);
    int room = Math.max(0, BUDGET - keyBytes - size(headers) - 64); // 64: the truncation header itself
    if (valueBytes > room) {
      headers.add(DeadLetterHeaders.TRUNCATED_VALUE_BYTES, Integer.toString(valueBytes).getBytes(UTF_8));
      value = Arrays.copyOf(value, room);
    }
    return new Letter(key, value, headers);
  }

  /** {@code detail}, cut to {@link #MAX_DETAIL_CHARS} characters. */
  static String detail(String detail) {
    return detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS) + "…";
  }

  private static Headers copyOf(Headers headers) {
    Headers copy = new RecordHeaders();
    headers.forEach(copy::add);
    return copy;
  }

  /** Header names and values, in bytes (their framing is in the budget's slack). */
  static int size(Headers headers) {
    int bytes = 0;
    for (Header header : headers) {
      bytes += header.key().getBytes(UTF_8).length + (header.value() == null ? 0 : header.value().length);
    }
    return bytes;
  }
}
