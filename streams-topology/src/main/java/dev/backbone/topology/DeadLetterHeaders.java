package dev.backbone.topology;

/**
 * Headers the topology adds to a record it dead-letters. The record keeps its original key, value
 * (the original bytes) and headers; these are appended. Values are UTF-8 text. A dead letter that
 * would not fit Kafka's 1 MiB record limit is cut to fit and says so ({@link #TRUNCATED_VALUE_BYTES},
 * {@link #DROPPED_HEADERS}, {@link #TRUNCATED_KEY_BYTES}); the whole record stays in its source topic.
 */
public final class DeadLetterHeaders {

  /**
   * Stable reason: an {@link dev.backbone.contracts.codec.InvalidReason}, {@link InputRejection} or
   * {@link FoldRejection} name.
   */
  public static final String REASON = "dlq.reason";
  /** What exactly is wrong, naming the attribute or field and the value. */
  public static final String DETAIL = "dlq.detail";
  /** Topic the record was read from. */
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  /** Partition the record was read from (decimal). */
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  /** Offset of the record (decimal). */
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  /** Present when the value was cut to fit: the original value's size in bytes (decimal). */
  public static final String TRUNCATED_VALUE_BYTES = "dlq.truncated.value-bytes";
  /** Present when the key was cut to fit: the original key's size in bytes (decimal). */
  public static final String TRUNCATED_KEY_BYTES = "dlq.truncated.key-bytes";
  /** Present when the input's own headers were left off to fit: their size in bytes (decimal). */
  public static final String DROPPED_HEADERS = "dlq.dropped.header-bytes";

  private DeadLetterHeaders() {
  }
}
