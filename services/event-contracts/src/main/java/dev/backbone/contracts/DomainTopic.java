package dev.backbone.contracts;

/**
 * The Kafka topics of the domain events. The names must match {@code infra/topics.yaml}, which is
 * the source of truth for partitions and replication; this enum only maps events to names.
 */
public enum DomainTopic {
  /** Customer lifecycle events, keyed by customer id. */
  CUSTOMERS("backbone.customers.v1"),
  /** Order events, keyed by the ordering customer's id. */
  ORDERS("backbone.orders.v1"),
  /** Payment events, keyed by the paying customer's id. */
  PAYMENTS("backbone.payments.v1");

  private final String topicName;

  DomainTopic(String topicName) {
    this.topicName = topicName;
  }

  /** The Kafka topic name, e.g. {@code backbone.orders.v1}. */
  public String topicName() {
    return topicName;
  }

  /** The topic an event type is published to. */
  public static DomainTopic of(EventType type) {
    return type.topic();
  }
}
