package dev.backbone.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks event data against the JSON Schema of its type (draft 2020-12, {@code format} asserted)
 * and against the keying rule: the data's {@code customerId} must equal the subject, because every
 * domain event is keyed by its customer.
 *
 * <p>Valid data is recognised by a {@link ValidDataCheck} compiled from the same schema, which can
 * only prove data valid; whatever it cannot, the full validator (networknt) validates and names the
 * violations of. The result is the same either way; {@code ValidDataCheckTest} holds the two to it
 * over every event type and thousands of mutations of valid data.
 *
 * <p>All schemas are loaded and compiled once, in the constructor; a missing or broken schema
 * fails construction. Instances are immutable and thread-safe; share one.
 */
public final class EventValidator {

  private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
  private final Map<EventType, ValidDataCheck> validDataChecks = new EnumMap<>(EventType.class);

  /** Loads and compiles the schema of every {@link EventType}. */
  public EventValidator() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).pathType(PathType.JSON_POINTER).build();
    for (EventType type : EventType.values()) {
      try (InputStream in = EventValidator.class.getResourceAsStream(type.schemaResource())) {
        if (in == null) {
          throw new IllegalStateException("no JSON Schema for " + type.ceType() + " at " + type.schemaResource());
        }
        JsonSchema schema = factory.getSchema(in, config);
        schema.initializeValidators();
        schemas.put(type, schema);
        ValidDataCheck.compile(schema.getSchemaNode()).ifPresent(check -> validDataChecks.put(type, check));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema " + type.schemaResource(), e);
      }
    }
  }

  /**
   * Validates an envelope's data.
   *
   * @return the violations, sorted by field; empty when the data is valid
   */
  public List<SchemaViolation> validate(EventEnvelope envelope) {
    // the violations keep text only, no nodes, so the lent data is not retained
    return envelope.readData(data -> validate(envelope.type(), envelope.subject(), data));
  }

  /**
   * Validates event data for a type and subject.
   *
   * @return the violations, sorted by field; empty when the data is valid
   */
  public List<SchemaViolation> validate(EventType type, AggregateId subject, JsonNode data) {
    ValidDataCheck validData = validDataChecks.get(type);
    if (validData != null && validData.certainlyValid(data) && customerIsSubject(subject, data)) {
      return List.of();
    }
    return validateFully(type, subject, data);
  }

  /** {@link #validate(EventType, AggregateId, JsonNode)} by the full validator alone. */
  List<SchemaViolation> validateFully(EventType type, AggregateId subject, JsonNode data) {
    List<SchemaViolation> violations = new ArrayList<>();
    for (ValidationMessage message : schemas.get(type).validate(data)) {
      violations.add(toViolation(message));
    }
    if (!customerIsSubject(subject, data)) {
      JsonNode customerId = data.path("customerId");
      violations.add(new SchemaViolation("/customerId", "subject", customerId.toString(),
          "must equal the event subject (Kafka key) '" + subject.value() + "'"));
    }
    violations.sort(Comparator.comparing(SchemaViolation::field).thenComparing(SchemaViolation::rule));
    return List.copyOf(violations);
  }

  /**
   * Whether the schema of {@code type} compiled to a {@link ValidDataCheck}; false means every event
   * of that type is validated in full (its schema uses a keyword the check does not know).
   */
  boolean hasValidDataCheck(EventType type) {
    return validDataChecks.containsKey(type);
  }

  /** The keying rule: a textual {@code customerId} must be the subject (a missing one is the schema's to report). */
  private static boolean customerIsSubject(AggregateId subject, JsonNode data) {
    JsonNode customerId = data.path("customerId");
    return !customerId.isTextual() || customerId.textValue().equals(subject.value());
  }

  private static SchemaViolation toViolation(ValidationMessage message) {
    String field = message.getInstanceLocation().toString();
    JsonNode node = message.getInstanceNode();
    String value = node == null || node.isMissingNode() ? SchemaViolation.ABSENT : node.toString();
    if ("required".equals(message.getType()) && message.getProperty() != null) {
      field = field + "/" + message.getProperty();
      value = SchemaViolation.ABSENT;
    } else if ("additionalProperties".equals(message.getType()) && message.getProperty() != null) {
      field = field + "/" + message.getProperty();
      value = node == null ? SchemaViolation.ABSENT : node.path(message.getProperty()).toString();
    }
    return new SchemaViolation(field, message.getType(), value, message.getMessage());
  }
}
