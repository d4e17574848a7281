package dev.backbone.contracts;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;

/** Valid sample events for tests. */
public final class TestEvents {

  public static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final EventIdGenerator IDS = new EventIdGenerator(Clock.fixed(NOW, ZoneOffset.UTC));

  private TestEvents() {
  }

  public static ObjectNode json(String text) {
    try {
      return (ObjectNode) JsonMapper.builder().build().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  public static ObjectNode orderPlacedData(String customerId) {
    return json("""
        {"orderId":"o-1","customerId":"%s","currency":"EUR","totalMinor":2500,
         "items":[{"sku":"sku-1","quantity":2,"unitPriceMinor":1250}]}""".formatted(customerId));
  }

  public static EventEnvelope orderPlaced(String customerId) {
    return new EventEnvelope(IDS.next(), URI.create("/services/orders"), EventType.ORDER_PLACED,
        AggregateId.of(customerId), Sequence.of(1), NOW, orderPlacedData(customerId));
  }
}
