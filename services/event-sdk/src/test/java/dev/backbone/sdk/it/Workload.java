package dev.backbone.sdk.it;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.sdk.EventPublisher;

/**
 * A deterministic stream of order events over {@code customers} keys: event {@code i} belongs to
 * customer {@code i % customers} and carries that customer's next sequence, so per-key order can
 * be checked on the log.
 */
final class Workload {

  private final int customers;

  Workload(int customers) {
    this.customers = customers;
  }

  EventEnvelope event(EventPublisher publisher, int index) {
    String customer = "cust-" + (index % customers);
    long sequence = index / customers + 1;
    ObjectNode data = JsonNodeFactory.instance.objectNode()
        .put("orderId", "order-" + index)
        .put("customerId", customer)
        .put("currency", "EUR")
        .put("totalMinor", 1000);
    data.putArray("items").addObject().put("sku", "sku-" + (index % 17)).put("quantity", 1).put("unitPriceMinor", 1000);
    return publisher.newEvent(EventType.ORDER_PLACED, AggregateId.of(customer), Sequence.of(sequence), data);
  }
}
