package dev.backbone.topology;

import com.fasterxml.jackson.databind.JavaType;
import dev.backbone.topology.internal.JsonSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the change topics' values ({@link OutputTopic#CUSTOMER_CHANGES},
 * {@link OutputTopic#ORDER_CHANGES}, {@link OutputTopic#PAYMENT_CHANGES}) and of the fold's state stores (their values, and so the
 * records of their changelog topics): the one format the topology writes and the sinks and
 * reconciliation read.
 */
public final class ChangeSerdes {

  private ChangeSerdes() {
  }

  /** {@link EntityChange} of {@link CustomerState}, as written to {@code backbone.customer-changes.v1}. */
  public static Serde<EntityChange<CustomerState>> customerChanges() {
    return JsonSerde.of(changeType(CustomerState.class));
  }

  /** {@link EntityChange} of {@link OrderState}, as written to {@code backbone.order-changes.v1}. */
  public static Serde<EntityChange<OrderState>> orderChanges() {
    return JsonSerde.of(changeType(OrderState.class));
  }

  /** {@link EntityChange} of {@link PaymentState}, as written to {@code backbone.payment-changes.v1}. */
  public static Serde<EntityChange<PaymentState>> paymentChanges() {
    return JsonSerde.of(changeType(PaymentState.class));
  }

  /**
   * {@link CustomerState}, as the {@code customer-state} store holds it ({@link BackboneTopology#stateStoreName})
   * and writes it to its changelog topic, keyed by customer id.
   */
  public static Serde<CustomerState> customerStates() {
    return JsonSerde.of(CustomerState.class);
  }

  /**
   * {@link OrderState}, as the {@code order-state} store holds it and writes it to its changelog topic,
   * keyed by customer id and order id.
   */
  public static Serde<OrderState> orderStates() {
    return JsonSerde.of(OrderState.class);
  }

  /**
   * {@link PaymentState}, as the {@code payment-state} store holds it and writes it to its changelog topic,
   * keyed by customer id and payment id.
   */
  public static Serde<PaymentState> paymentStates() {
    return JsonSerde.of(PaymentState.class);
  }

  private static JavaType changeType(Class<?> state) {
    return JsonSerde.MAPPER.getTypeFactory().constructParametricType(EntityChange.class, state);
  }
}
