package dev.backbone.topology.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.PaymentState;

/**
 * Folds payment events into {@link PaymentState}, keyed by customer id and payment id. A capture creates
 * the payment; a refund needs the captured payment and keeps its amount (the row has one amount, the
 * captured one).
 */
public final class PaymentFolder implements EntityFolder<PaymentState> {

  @Override
  public String entityKey(EventEnvelope event) {
    return CustomerChildKey.of(event, "paymentId");
  }

  @Override
  public PaymentState apply(PaymentState current, EventEnvelope event) {
    JsonNode data = event.data();
    long version = event.sequence().value();
    return switch (event.type()) {
      case PAYMENT_CAPTURED -> new PaymentState(event.subject().value(), data.path("paymentId").asText(),
          data.path("orderId").asText(), "CAPTURED", data.path("amountMinor").asLong(), data.path("currency").asText(),
          version, event.time());
      case PAYMENT_REFUNDED -> current == null ? null
          : new PaymentState(current.customerId(), current.paymentId(), current.orderId(), "REFUNDED",
              current.amountMinor(), current.currency(), version, event.time());
      default -> throw new IllegalArgumentException("not a payment event: " + event.type().ceType());
    };
  }

  @Override
  public boolean isDeleted(PaymentState state) {
    return false;
  }
}
