package dev.backbone.topology.fuzz;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.EventEnvelopeCodec;
import dev.backbone.contracts.schema.EventValidator;
import java.net.URI;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Valid customer and order events encoded by the real codec (binary mode), with event ids drawn from
 * a seeded {@link Random} so that a run can be repeated byte for byte.
 */
public final class ValidEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final URI SOURCE = URI.create("/services/fuzz");

  private final EventEnvelopeCodec codec = new EventEnvelopeCodec(new EventValidator());
  private final Random random;
  private final Instant time;

  /** Ids come from {@code random}; every event has the event time {@code time}. */
  public ValidEvents(Random random, Instant time) {
    this.random = random;
    this.time = time;
  }

  EncodedEvent registered(String customer, long sequence, String email) {
    return encode(EventType.CUSTOMER_REGISTERED, customer, sequence, JSON.createObjectNode()
        .put("customerId", customer).put("email", email).put("fullName", "Fuzz " + customer));
  }

  EncodedEvent emailChanged(String customer, long sequence, String previous, String email) {
    return encode(EventType.CUSTOMER_EMAIL_CHANGED, customer, sequence, JSON.createObjectNode()
        .put("customerId", customer).put("previousEmail", previous).put("email", email));
  }

  EncodedEvent orderPlaced(String customer, String order, long sequence) {
    ObjectNode data = JSON.createObjectNode().put("orderId", order).put("customerId", customer)
        .put("currency", "EUR").put("totalMinor", 2_500);
    data.putArray("items").addObject().put("sku", "sku-1").put("quantity", 2).put("unitPriceMinor", 1_250);
    return encode(EventType.ORDER_PLACED, customer, sequence, data);
  }

  EncodedEvent orderPaid(String customer, String order, long sequence) {
    return encode(EventType.ORDER_PAID, customer, sequence, JSON.createObjectNode().put("orderId", order)
        .put("customerId", customer).put("paymentId", order + "-p").put("amountMinor", 2_500).put("currency", "EUR"));
  }

  private EncodedEvent encode(EventType type, String customer, long sequence, ObjectNode data) {
    // UUID version 7 and variant bits, like the SDK's ids; the rest is the seeded random's
    UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x7000L,
        (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    return codec.encode(new EventEnvelope(new EventId(id), SOURCE, type, AggregateId.of(customer),
        Sequence.of(sequence), time, data));
  }
}
