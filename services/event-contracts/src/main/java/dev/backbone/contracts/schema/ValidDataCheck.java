package dev.backbone.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Format;
import com.networknt.schema.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A check that can only prove event data valid: compiled from the same JSON Schema as the full
 * validator, it answers {@code true} when the data certainly satisfies the schema and {@code false}
 * when it does not or when it cannot tell, and {@link EventValidator} runs the full validator (and
 * its precise messages) whenever it says {@code false}. Valid data, nearly all of it, then costs a
 * walk over its fields instead of the full validator's per-node paths and contexts (a quarter of
 * the SDK's publishing thread, JFR 2026-12-03).
 *
 * <p>It understands the keywords the backbone's schemas use, with the full validator's meaning
 * (draft 2020-12): {@code type}, {@code properties}, {@code required}, {@code additionalProperties:
 * false}, {@code minProperties}/{@code maxProperties}, {@code items}, {@code minItems}/{@code
 * maxItems}, {@code minLength}/{@code maxLength} (in code points), {@code pattern} (the same JDK
 * regex, searched, not matched whole), {@code minimum}/{@code maximum}, string {@code enum}s and
 * {@code format: email} (the full validator's own email format); annotations are ignored. A schema
 * with any other keyword does not compile ({@link #compile} is empty), so a new rule can never be
 * skipped silently: its type is then always validated in full. Numbers it cannot compare exactly
 * (fractions, beyond {@code long}) and integers written as {@code 1.0} are left to the full
 * validator as well.
 *
 * <p>Immutable and thread-safe.
 */
final class ValidDataCheck {

  private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$comment",
      "examples", "default");
  private static final Format EMAIL = Formats.DEFAULT.stream().filter(format -> format.getName().equals("email"))
      .findFirst().orElseThrow(() -> new IllegalStateException("the JSON Schema validator has no email format"));

  private final Predicate<JsonNode> check;

  private ValidDataCheck(Predicate<JsonNode> check) {
    this.check = check;
  }

  /** The check of {@code schema}; empty when the schema uses a keyword (or form) this check does not know. */
  static Optional<ValidDataCheck> compile(JsonNode schema) {
    try {
      return Optional.of(new ValidDataCheck(subschema(schema)));
    } catch (UnsupportedKeyword e) {
      return Optional.empty();
    }
  }

  /** True only when {@code data} certainly satisfies the schema; false when it does not or may not. */
  boolean certainlyValid(JsonNode data) {
    return check.test(data);
  }

  private static Predicate<JsonNode> subschema(JsonNode schema) {
    if (!schema.isObject()) {
      throw new UnsupportedKeyword("a boolean or non-object schema");
    }
    List<Predicate<JsonNode>> checks = new ArrayList<>();
    Map<String, Predicate<JsonNode>> properties = new LinkedHashMap<>();
    boolean closed = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> keyword = it.next();
      JsonNode value = keyword.getValue();
      switch (keyword.getKey()) {
        case "type" -> checks.add(type(value));
        case "properties" -> value.fields().forEachRemaining(p -> properties.put(p.getKey(), subschema(p.getValue())));
        case "additionalProperties" -> closed = isFalse(value);
        case "required" -> checks.add(required(value));
        case "minProperties" -> checks.add(size(JsonNode::isObject, count(value), true));
        case "maxProperties" -> checks.add(size(JsonNode::isObject, count(value), false));
        case "items" -> checks.add(items(subschema(value)));
        case "minItems" -> checks.add(size(JsonNode::isArray, count(value), true));
        case "maxItems" -> checks.add(size(JsonNode::isArray, count(value), false));
        case "minLength" -> checks.add(length(count(value), true));
        case "maxLength" -> checks.add(length(count(value), false));
        case "pattern" -> checks.add(pattern(value));
        case "minimum" -> checks.add(bound(value, true));
        case "maximum" -> checks.add(bound(value, false));
        case "enum" -> checks.add(textEnum(value));
        case "format" -> checks.add(format(value));
        default -> {
          if (!ANNOTATIONS.contains(keyword.getKey())) {
            throw new UnsupportedKeyword(keyword.getKey());
          }
        }
      }
    }
    if (!properties.isEmpty() || closed) {
      checks.add(properties(Map.copyOf(properties), closed));
    }
    return allOf(checks);
  }

  // arrays, not lists: an iterator per loop would escape into the checks' megamorphic calls and be
  // allocated on every event
  @SuppressWarnings("unchecked")
  private static Predicate<JsonNode>[] array(List<Predicate<JsonNode>> checks) {
    return checks.toArray(new Predicate[0]);
  }

  private static Predicate<JsonNode> allOf(List<Predicate<JsonNode>> checks) {
    Predicate<JsonNode>[] all = array(checks);
    return node -> {
      for (Predicate<JsonNode> c : all) {
        if (!c.test(node)) {
          return false;
        }
      }
      return true;
    };
  }

  private static boolean isFalse(JsonNode additionalProperties) {
    if (!additionalProperties.isBoolean()) {
      throw new UnsupportedKeyword("additionalProperties as a schema");
    }
    return !additionalProperties.booleanValue();
  }

  private static Predicate<JsonNode> type(JsonNode value) {
    List<Predicate<JsonNode>> types = new ArrayList<>();
    if (value.isTextual()) {
      types.add(typeNamed(value.textValue()));
    } else if (value.isArray()) {
      value.forEach(name -> types.add(typeNamed(name.asText())));
    } else {
      throw new UnsupportedKeyword("type " + value);
    }
    Predicate<JsonNode>[] any = array(types);
    return node -> {
      for (Predicate<JsonNode> type : any) {
        if (type.test(node)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Predicate<JsonNode> typeNamed(String name) {
    return switch (name) {
      case "object" -> JsonNode::isObject;
      case "array" -> JsonNode::isArray;
      case "string" -> JsonNode::isTextual;
      case "boolean" -> JsonNode::isBoolean;
      case "null" -> JsonNode::isNull;
      // 1.0 is an integer to the full validator too; it decides those
      case "integer" -> JsonNode::isIntegralNumber;
      case "number" -> JsonNode::isNumber;
      default -> throw new UnsupportedKeyword("type " + name);
    };
  }

  private static Predicate<JsonNode> required(JsonNode names) {
    List<String> list = new ArrayList<>();
    names.forEach(name -> list.add(name.asText()));
    String[] required = list.toArray(new String[0]);
    return node -> {
      if (!node.isObject()) {
        return true;
      }
      for (String name : required) {
        if (!node.has(name)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<JsonNode> properties(Map<String, Predicate<JsonNode>> properties, boolean closed) {
    return node -> {
      if (!node.isObject()) {
        return true;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Predicate<JsonNode> property = properties.get(field.getKey());
        if (property == null ? closed : !property.test(field.getValue())) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<JsonNode> items(Predicate<JsonNode> item) {
    return node -> {
      if (!node.isArray()) {
        return true;
      }
      for (int i = 0; i < node.size(); i++) {
        if (!item.test(node.get(i))) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<JsonNode> pattern(JsonNode value) {
    // the full validator's default regular expressions: java.util.regex, searched with find()
    Pattern pattern = Pattern.compile(value.asText());
    return node -> !node.isTextual() || pattern.matcher(node.textValue()).find();
  }

  private static Predicate<JsonNode> bound(JsonNode value, boolean lower) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new UnsupportedKeyword((lower ? "minimum " : "maximum ") + value);
    }
    long limit = value.longValue();
    return node -> {
      if (!node.isNumber()) {
        return true;
      }
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        return false; // a fraction or a huge number: the full validator decides
      }
      return lower ? node.longValue() >= limit : node.longValue() <= limit;
    };
  }

  private static Predicate<JsonNode> textEnum(JsonNode values) {
    Set<String> allowed = new HashSet<>();
    for (JsonNode value : values) {
      if (!value.isTextual()) {
        throw new UnsupportedKeyword("enum with " + value);
      }
      allowed.add(value.textValue());
    }
    return node -> node.isTextual() && allowed.contains(node.textValue());
  }

  private static Predicate<JsonNode> format(JsonNode value) {
    if (!"email".equals(value.asText())) {
      throw new UnsupportedKeyword("format " + value);
    }
    return node -> !node.isTextual() || EMAIL.matches(null, node.textValue());
  }

  /** {@code minProperties}/{@code maxProperties}, {@code minItems}/{@code maxItems}: on the nodes {@code applies} to. */
  private static Predicate<JsonNode> size(Predicate<JsonNode> applies, int limit, boolean lower) {
    return node -> !applies.test(node) || (lower ? node.size() >= limit : node.size() <= limit);
  }

  /** {@code minLength}/{@code maxLength}, counted in code points as JSON Schema defines length. */
  private static Predicate<JsonNode> length(int limit, boolean lower) {
    return node -> {
      if (!node.isTextual()) {
        return true;
      }
      String text = node.textValue();
      int length = text.codePointCount(0, text.length());
      return lower ? length >= limit : length <= limit;
    };
  }

  private static int count(JsonNode value) {
    if (!value.canConvertToInt() || value.intValue() < 0) {
      throw new UnsupportedKeyword("count " + value);
    }
    return value.intValue();
  }

  /** A keyword this check does not know: the schema's type is validated in full instead. */
  private static final class UnsupportedKeyword extends RuntimeException {
    UnsupportedKeyword(String keyword) {
      super(keyword, null, false, false);
    }
  }
}
