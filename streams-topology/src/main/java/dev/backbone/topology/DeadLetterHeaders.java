package dev.backbone.topology;

/**
 * Headers the topology adds to a record it dead-letters. The record keeps its original key, value
 * (the original bytes) and headers; these are appended. Values are UTF-8 text.
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

  private DeadLetterHeaders() {
  }
}
