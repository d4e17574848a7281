package dev.backbone.contracts;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every event type of the reference domain, with its CloudEvents {@code type} string, the topic it
 * is published to and its JSON Schema. The version suffix ({@code .v1}) is part of the type: an
 * incompatible change is a new type, never an edit of an existing schema.
 */
public enum EventType {
  /** A customer signed up. */
  CUSTOMER_REGISTERED("com.acme.customer.registered.v1", DomainTopic.CUSTOMERS),
  /** A customer's name, phone or address changed. */
  CUSTOMER_PROFILE_CHANGED("com.acme.customer.profile-changed.v1", DomainTopic.CUSTOMERS),
  /** A customer's e-mail address changed. */
  CUSTOMER_EMAIL_CHANGED("com.acme.customer.email-changed.v1", DomainTopic.CUSTOMERS),
  /** A customer was deleted. */
  CUSTOMER_DELETED("com.acme.customer.deleted.v1", DomainTopic.CUSTOMERS),
  /** A customer placed an order. */
  ORDER_PLACED("com.acme.order.placed.v1", DomainTopic.ORDERS),
  /** An order was paid. */
  ORDER_PAID("com.acme.order.paid.v1", DomainTopic.ORDERS),
  /** An order was shipped. */
  ORDER_SHIPPED("com.acme.order.shipped.v1", DomainTopic.ORDERS),
  /** An order was cancelled. */
  ORDER_CANCELLED("com.acme.order.cancelled.v1", DomainTopic.ORDERS),
  /** A payment was captured. */
  PAYMENT_CAPTURED("com.acme.payment.captured.v1", DomainTopic.PAYMENTS),
  /** A captured payment was (partly) refunded. */
  PAYMENT_REFUNDED("com.acme.payment.refunded.v1", DomainTopic.PAYMENTS);

  private static final Map<String, EventType> BY_CE_TYPE =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

  private final String ceType;
  private final DomainTopic topic;

  EventType(String ceType, DomainTopic topic) {
    this.ceType = ceType;
    this.topic = topic;
  }

  /** The CloudEvents {@code type} attribute, e.g. {@code com.acme.order.placed.v1}. */
  public String ceType() {
    return ceType;
  }

  /** The topic events of this type are published to. */
  public DomainTopic topic() {
    return topic;
  }

  /** Classpath resource of this type's JSON Schema (draft 2020-12). */
  public String schemaResource() {
    return "/schemas/" + ceType + ".json";
  }

  /**
   * Looks a type up by its CloudEvents {@code type} string.
   *
   * @return the type, or empty when the string names no known type (or a version we do not know)
   */
  public static Optional<EventType> fromCeType(String ceType) {
    return Optional.ofNullable(ceType == null ? null : BY_CE_TYPE.get(ceType));
  }
}
