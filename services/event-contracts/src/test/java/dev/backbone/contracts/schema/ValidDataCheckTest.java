package dev.backbone.contracts.schema;

import static dev.backbone.contracts.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ValidDataCheck} against the full validator: it may say "valid" only where the full
 * validator finds nothing, for every event type, over thousands of mutations of valid data.
 */
class ValidDataCheckTest {

  private static final EventValidator VALIDATOR = new EventValidator();
  private static final AggregateId CUSTOMER = AggregateId.of("c-42");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MUTATIONS_PER_TYPE = 3_000;

  /** Valid data of every event type, every optional field present. */
  private static final Map<EventType, String> VALID = new EnumMap<>(Map.of(
      EventType.CUSTOMER_REGISTERED, """
          {"customerId":"c-42","email":"jane.doe@example.com","fullName":"Jane Doe","phone":"+4915112345678",
           "address":{"line1":"Main St 1","line2":"Apt 2","city":"Berlin","postalCode":"10115","country":"DE"}}""",
      EventType.CUSTOMER_PROFILE_CHANGED, """
          {"customerId":"c-42","fullName":"Jane Roe","phone":null,
           "address":{"line1":"Main St 1","city":"Berlin","postalCode":"10115","country":"DE"}}""",
      EventType.CUSTOMER_EMAIL_CHANGED, """
          {"customerId":"c-42","previousEmail":"jane.doe@example.com","email":"jane.roe@example.org"}""",
      EventType.CUSTOMER_DELETED, """
          {"customerId":"c-42","reason":"CUSTOMER_REQUEST"}""",
      EventType.ORDER_PLACED, """
          {"orderId":"o-1","customerId":"c-42","currency":"EUR","totalMinor":2500,
           "items":[{"sku":"sku-1","quantity":2,"unitPriceMinor":1250},{"sku":"sku-2","quantity":1,"unitPriceMinor":0}]}""",
      EventType.ORDER_PAID, """
          {"orderId":"o-1","customerId":"c-42","paymentId":"p-1","amountMinor":2500,"currency":"EUR"}""",
      EventType.ORDER_SHIPPED, """
          {"orderId":"o-1","customerId":"c-42","carrier":"DHL","trackingNumber":"JD0123"}""",
      EventType.ORDER_CANCELLED, """
          {"orderId":"o-1","customerId":"c-42","reason":"OUT_OF_STOCK"}""",
      EventType.PAYMENT_CAPTURED, """
          {"paymentId":"p-1","orderId":"o-1","customerId":"c-42","amountMinor":2500,"currency":"EUR","method":"CARD"}""",
      EventType.PAYMENT_REFUNDED, """
          {"paymentId":"p-1","orderId":"o-1","customerId":"c-42","amountMinor":100,"currency":"EUR","reason":"damaged"}"""));

  /** Values a mutation puts in place of a field: every edge of the schemas' rules, and the wrong types. */
  private static final List<JsonNode> REPLACEMENTS = List.of(
      NODES.nullNode(), NODES.textNode(""), NODES.textNode("x"), NODES.textNode("x".repeat(20)),
      NODES.textNode("x".repeat(21)), NODES.textNode("x".repeat(64)), NODES.textNode("x".repeat(65)),
      NODES.textNode("x".repeat(128)), NODES.textNode("x".repeat(129)), NODES.textNode("x".repeat(200)),
      NODES.textNode("x".repeat(201)), NODES.textNode("a".repeat(242) + "@example.com"),
      NODES.textNode("a".repeat(243) + "@example.com"), NODES.textNode("\uD83D\uDE00".repeat(64)),
      NODES.textNode("\uD83D\uDE00".repeat(65)), NODES.textNode("EUR"), NODES.textNode("eur"), NODES.textNode("EURO"),
      NODES.textNode("EUR\n"), NODES.textNode("DE"), NODES.textNode("D"), NODES.textNode("CARD"),
      NODES.textNode("FRAUD"), NODES.textNode("PAYMENT_FAILED"), NODES.textNode("card"), NODES.textNode("+4915112345678"),
      NODES.textNode("+0123456"), NODES.textNode("+123456"), NODES.textNode("+1234567"),
      NODES.textNode("+1234567890123456"), NODES.textNode("jane@example.com"), NODES.textNode("a@b.co"),
      NODES.textNode("not-an-email"), NODES.textNode("a@b"), NODES.textNode("x@example.notatld"),
      NODES.textNode("jane..doe@example.com"), NODES.textNode(".jane@example.com"), NODES.textNode("jane@localhost"),
      NODES.textNode("j\u00e4ne@example.com"), NODES.textNode("jane@[127.0.0.1]"), NODES.textNode("c-42"),
      NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(1), NODES.numberNode(10_000), NODES.numberNode(10_001),
      NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(new BigInteger("123456789012345678901234567890")),
      NODES.numberNode(1.0), NODES.numberNode(1.5), NODES.numberNode(-0.0), NODES.booleanNode(true),
      NODES.objectNode(), NODES.arrayNode());

  @Test
  void shouldCompileEveryEventTypesSchema() {
    for (EventType type : EventType.values()) {
      assertThat(VALIDATOR.hasValidDataCheck(type)).as(type.ceType()).isTrue();
      assertThat(VALIDATOR.validateFully(type, CUSTOMER, valid(type))).as(type.ceType()).isEmpty();
      assertThat(VALIDATOR.validate(type, CUSTOMER, valid(type))).as(type.ceType()).isEmpty();
    }
  }

  @Test
  void shouldCallDataValidOnlyWhereTheFullValidatorFindsNothing() {
    Random random = new Random(20261203);
    int provedValid = 0;
    int leftToTheFullValidator = 0;
    for (EventType type : EventType.values()) {
      for (int i = 0; i < MUTATIONS_PER_TYPE; i++) {
        ObjectNode data = valid(type);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          mutate(data, random);
        }
        List<SchemaViolation> full = VALIDATOR.validateFully(type, CUSTOMER, data);
        List<SchemaViolation> fast = VALIDATOR.validate(type, CUSTOMER, data);

        assertThat(fast).as("%s %s", type.ceType(), data).isEqualTo(full);
        if (full.isEmpty()) {
          provedValid++;
        } else {
          leftToTheFullValidator++;
        }
      }
    }
    // the mutations reach both sides, so the comparison above is not vacuous
    assertThat(provedValid).isGreaterThan(1_000);
    assertThat(leftToTheFullValidator).isGreaterThan(10_000);
  }

  @Test
  void shouldNeverProveValidWhatTheFullValidatorRejects() {
    Random random = new Random(7);
    for (EventType type : EventType.values()) {
      ValidDataCheck check = ValidDataCheck.compile(schema(type)).orElseThrow();
      for (int i = 0; i < MUTATIONS_PER_TYPE; i++) {
        ObjectNode data = valid(type);
        mutate(data, random);
        if (check.certainlyValid(data)) {
          // the keying rule (customerId = subject) is the validator's, not the schema's
          assertThat(VALIDATOR.validateFully(type, CUSTOMER, data)).as("%s %s", type.ceType(), data)
              .allSatisfy(violation -> assertThat(violation.rule()).isEqualTo("subject"));
        }
      }
    }
  }

  @Test
  void shouldLeaveIntegersWrittenWithAFractionToTheFullValidator() {
    ValidDataCheck check = ValidDataCheck.compile(schema(EventType.ORDER_PAID)).orElseThrow();
    ObjectNode data = valid(EventType.ORDER_PAID);
    data.put("amountMinor", 2500.0);

    assertThat(check.certainlyValid(data)).isFalse();
    assertThat(VALIDATOR.validate(EventType.ORDER_PAID, CUSTOMER, data))
        .isEqualTo(VALIDATOR.validateFully(EventType.ORDER_PAID, CUSTOMER, data));
  }

  @Test
  void shouldNotCompileASchemaWithAKeywordItDoesNotKnow() {
    assertThat(ValidDataCheck.compile(json("""
        {"type":"object","properties":{"a":{"type":"string","format":"date"}}}"""))).isEmpty();
    assertThat(ValidDataCheck.compile(json("""
        {"type":"object","oneOf":[{"required":["a"]},{"required":["b"]}]}"""))).isEmpty();
    assertThat(ValidDataCheck.compile(json("""
        {"type":"object","additionalProperties":{"type":"string"}}"""))).isEmpty();
    assertThat(ValidDataCheck.compile(json("""
        {"type":"object","properties":{"n":{"type":"number","minimum":0.5}}}"""))).isEmpty();
    assertThat(ValidDataCheck.compile(json("""
        {"type":"object","properties":{"a":{"type":"string","minLength":2}}}"""))).isPresent();
  }

  private static ObjectNode valid(EventType type) {
    return json(VALID.get(type));
  }

  private static JsonNode schema(EventType type) {
    try (var in = EventValidator.class.getResourceAsStream(type.schemaResource())) {
      return json(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One random edit somewhere in {@code data}: a field removed, added, or replaced; an array emptied or grown. */
  private static void mutate(ObjectNode data, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collectContainers(data, containers);
    JsonNode container = containers.get(random.nextInt(containers.size()));
    if (container instanceof ArrayNode array) {
      switch (random.nextInt(3)) {
        case 0 -> array.removeAll();
        case 1 -> {
          int copies = random.nextBoolean() ? 1 : 500;
          JsonNode element = array.isEmpty() ? NODES.objectNode() : array.get(0);
          for (int i = 0; i < copies; i++) {
            array.add(element.deepCopy());
          }
        }
        default -> array.add(REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())));
      }
      return;
    }
    ObjectNode object = (ObjectNode) container;
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    int action = random.nextInt(10);
    if (names.isEmpty() || action == 0) {
      object.set(random.nextBoolean() ? "unknownField" : "customerId", pick(random));
    } else if (action == 1) {
      object.remove(names.get(random.nextInt(names.size())));
    } else {
      object.set(names.get(random.nextInt(names.size())), pick(random));
    }
  }

  private static JsonNode pick(Random random) {
    return REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())).deepCopy();
  }

  private static void collectContainers(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.forEach(child -> collectContainers(child, out));
    }
  }
}
