package dev.backbone.contracts.schema;

import static dev.backbone.contracts.TestEvents.json;
import static dev.backbone.contracts.TestEvents.orderPlacedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

  private static final EventValidator VALIDATOR = new EventValidator();
  private static final AggregateId CUSTOMER = AggregateId.of("c-42");

  @Test
  void shouldAcceptValidOrderPlacedData() {
    assertThat(VALIDATOR.validate(EventType.ORDER_PLACED, CUSTOMER, orderPlacedData("c-42"))).isEmpty();
  }

  @Test
  void shouldNameFieldRuleAndValueOfAViolatedMinimum() {
    ObjectNode data = orderPlacedData("c-42");
    ((ObjectNode) data.withArray("items").get(0)).put("quantity", 0);

    List<SchemaViolation> violations = VALIDATOR.validate(EventType.ORDER_PLACED, CUSTOMER, data);

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("/items/0/quantity");
      assertThat(v.rule()).isEqualTo("minimum");
      assertThat(v.value()).isEqualTo("0");
    });
  }

  @Test
  void shouldReportAMissingRequiredFieldAsAbsent() {
    ObjectNode data = orderPlacedData("c-42");
    data.remove("currency");

    assertThat(VALIDATOR.validate(EventType.ORDER_PLACED, CUSTOMER, data))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.field()).isEqualTo("/currency");
          assertThat(v.rule()).isEqualTo("required");
          assertThat(v.value()).isEqualTo(SchemaViolation.ABSENT);
        });
  }

  @Test
  void shouldAssertEmailFormatAndPatterns() {
    ObjectNode data = json("""
        {"customerId":"c-42","email":"not-an-email","fullName":"Ada","phone":"12"}""");

    List<SchemaViolation> violations = VALIDATOR.validate(EventType.CUSTOMER_REGISTERED, CUSTOMER, data);

    assertThat(violations).extracting(SchemaViolation::field, SchemaViolation::rule, SchemaViolation::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/email", "format", "\"not-an-email\""),
            org.assertj.core.groups.Tuple.tuple("/phone", "pattern", "\"12\""));
  }

  @Test
  void shouldRejectUnknownFields() {
    ObjectNode data = orderPlacedData("c-42");
    data.put("discount", 5);

    assertThat(VALIDATOR.validate(EventType.ORDER_PLACED, CUSTOMER, data))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.field()).isEqualTo("/discount");
          assertThat(v.rule()).isEqualTo("additionalProperties");
          assertThat(v.value()).isEqualTo("5");
        });
  }

  @Test
  void shouldRejectDataWhoseCustomerIsNotTheSubject() {
    assertThat(VALIDATOR.validate(EventType.ORDER_PLACED, CUSTOMER, orderPlacedData("c-7")))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.field()).isEqualTo("/customerId");
          assertThat(v.rule()).isEqualTo("subject");
          assertThat(v.value()).isEqualTo("\"c-7\"");
        });
  }

  @Test
  void shouldTruncateHugeValuesInViolations() {
    SchemaViolation violation = new SchemaViolation("/x", "maxLength", "y".repeat(1000), "too long");

    assertThat(violation.value()).hasSize(SchemaViolation.MAX_VALUE_LENGTH + 1);
  }
}
