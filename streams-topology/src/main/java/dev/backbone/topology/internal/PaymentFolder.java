package dev.backbone.topology.internal;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.topology.PaymentState;

/**
 * Folds payment events into {@link PaymentState}, keyed by customer id and payment id. A capture creates
 * the payment; a refund needs the captured payment and keeps its amount (the row has one amount, the
 * captured one).
 */
public final class PaymentFolder extends CustomerOwnedFolder<PaymentState> {

  /** Keys payments by their {@code paymentId}. */
  public PaymentFolder() {
    super("paymentId");
  }

  @Override
  public PaymentState apply(PaymentState current, EventEnvelope event) {
    return switch (event.type()) {
      case PAYMENT_CAPTURED -> captured(event);
      case PAYMENT_REFUNDED -> ifExists(current, payment -> new PaymentState(payment.customerId(), payment.paymentId(),
          payment.orderId(), "REFUNDED", payment.amountMinor(), payment.currency(), event.sequence().value(),
          event.time()));
      default -> throw new IllegalArgumentException("not a payment event: " + event.type().ceType());
    };
  }

  private static PaymentState captured(EventEnvelope event) {
    return event.readData(data -> new PaymentState(event.subject().value(), data.path("paymentId").asText(),
        data.path("orderId").asText(), "CAPTURED", data.path("amountMinor").asLong(), data.path("currency").asText(),
        event.sequence().value(), event.time()));
  }
}
