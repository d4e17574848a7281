package dev.backbone.topology;

/**
 * The topics the topology writes. Entity-change topics are keyed by customer id (the shard key),
 * so the sinks consume them partition-aligned with the domain topics.
 */
public enum OutputTopic {
  /** Rejected input: original key, value and headers plus {@link DeadLetterHeaders}. */
  DLQ("backbone.dlq.v1"),
  /** {@link EntityChange} of {@link CustomerState}; {@code after == null} is a deleted customer. */
  CUSTOMER_CHANGES("backbone.customer-changes.v1"),
  /** {@link EntityChange} of {@link OrderState}. */
  ORDER_CHANGES("backbone.order-changes.v1"),
  /** {@link EntityChange} of {@link PaymentState}; read by the shard sink only (payments have no index entries). */
  PAYMENT_CHANGES("backbone.payment-changes.v1");

  private final String topicName;

  OutputTopic(String topicName) {
    this.topicName = topicName;
  }

  /** The Kafka topic name. */
  public String topicName() {
    return topicName;
  }
}
