package dev.backbone.topology.fuzz;

import static dev.backbone.topology.fuzz.RecordEdits.pick;
import static dev.backbone.topology.fuzz.RecordEdits.with;
import static dev.backbone.topology.fuzz.RecordEdits.word;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.codec.CloudEventHeaders;
import dev.backbone.contracts.codec.EncodedEvent;
import dev.backbone.contracts.codec.InvalidReason;
import dev.backbone.topology.InputRejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One way to break a valid encoded event, with the one dead-letter reason it must get. Each
 * mutation changes exactly one thing, so the codec's order of checks never makes a second reason
 * correct; the random parts (which header, which bytes, which bad value) come from the caller's
 * seeded {@link Random}. {@link #WRONG_TOPIC} is the only one the codec accepts: the topology rejects it.
 */
public enum Mutation {

  /** Random bytes that are not JSON. */
  RANDOM_BYTES(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      return value(event, RecordEdits.notJson(random, 1 + random.nextInt(300)), "");
    }
  },
  /** The JSON data cut short. */
  TRUNCATED_JSON(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      int length = 1 + random.nextInt(event.value().length - 1);
      return value(event, Arrays.copyOf(event.value(), length), "at " + length);
    }
  },
  /** The data is JSON, but not an object. */
  NON_OBJECT_JSON(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String json = pick(random, List.of("[1,2,3]", "\"" + word(random, 8) + "\"", "42", "null", "true", "[]"));
      return value(event, json.getBytes(UTF_8), json);
    }
  },
  /** The data object followed by more tokens, or with a key twice. */
  INVALID_JSON_OBJECT(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String json = new String(event.value(), UTF_8);
      if (random.nextBoolean()) {
        return value(event, (json + " " + pick(random, List.of("{}", "x", "1", "]"))).getBytes(UTF_8), "trailing");
      }
      return value(event, ("{\"customerId\":\"dup\"," + json.substring(1)).getBytes(UTF_8), "duplicate key");
    }
  },
  /** A zero-length value. */
  EMPTY_VALUE(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      return value(event, new byte[0], "");
    }
  },
  /** A tombstone: {@code null} value; domain topics have no deletes by tombstone. */
  NULL_VALUE(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      return value(event, null, "");
    }
  },
  /** Garbage under dozens of junk headers, some large, some without value. */
  GARBAGE_WITH_JUNK_HEADERS(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      List<Header> headers = new ArrayList<>(event.headers());
      int count = 20 + random.nextInt(40);
      for (int i = 0; i < count; i++) {
        headers.add(new RecordHeader("x-junk-" + i,
            random.nextInt(10) == 0 ? null : word(random, random.nextInt(4_000)).getBytes(UTF_8)));
      }
      return new FuzzRecord(event.topic(), event.key(), headers, ("garbage " + word(random, 20)).getBytes(UTF_8),
          reasons(), name() + " " + count + " headers");
    }
  },
  /** One required {@code ce_*} header left out. */
  ATTRIBUTE_REMOVED(InvalidReason.MISSING_ATTRIBUTE) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String header = pick(random, RecordEdits.ATTRIBUTES);
      return headers(event, RecordEdits.without(event.headers(), header), header);
    }
  },
  /** One required {@code ce_*} header present without a value. */
  ATTRIBUTE_NULL(InvalidReason.MISSING_ATTRIBUTE) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String header = pick(random, RecordEdits.ATTRIBUTES);
      return headers(event, with(event.headers(), header, null), header);
    }
  },
  /** Valid data without any header. */
  NO_HEADERS(InvalidReason.MISSING_ATTRIBUTE) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      return headers(event, List.of(), "");
    }
  },
  /** A bad id, subject, sequence, time or source. */
  BAD_ATTRIBUTE(InvalidReason.MALFORMED_ATTRIBUTE) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String header = pick(random, List.of(CloudEventHeaders.ID, CloudEventHeaders.SUBJECT, CloudEventHeaders.SEQUENCE,
          CloudEventHeaders.TIME, CloudEventHeaders.SOURCE));
      String bad = pick(random, switch (header) {
        case CloudEventHeaders.ID ->
            List.of("not-a-uuid", "", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", word(random, 36));
        case CloudEventHeaders.SUBJECT -> List.of("", " padded ", "a\u0001b", word(random, 129));
        case CloudEventHeaders.SEQUENCE -> List.of("abc", "0", "-5", "1.5", "", "99999999999999999999");
        case CloudEventHeaders.TIME -> List.of("yesterday", "2026-13-01T00:00:00Z", "2026-03-01T10:00:00", "",
            "+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z");
        default -> List.of("", "http://bad host/", "::");
      });
      return headers(event, with(event.headers(), header, bad), header + "='" + bad + "'");
    }
  },
  /** {@code specversion} other than 1.0. */
  WRONG_SPEC_VERSION(InvalidReason.UNSUPPORTED_SPEC_VERSION) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String version = pick(random, List.of("0.3", "2.0", "1", "", "1.0 ", word(random, 5)));
      return headers(event, with(event.headers(), CloudEventHeaders.SPEC_VERSION, version), "'" + version + "'");
    }
  },
  /** A binary-mode content type that is not JSON. */
  WRONG_CONTENT_TYPE(InvalidReason.UNSUPPORTED_CONTENT_TYPE) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String type = pick(random, List.of("text/plain", "application/xml", "application/avro",
          "application/cloudevents-batch+json", word(random, 6)));
      return headers(event, with(event.headers(), CloudEventHeaders.CONTENT_TYPE, type), type);
    }
  },
  /** A {@code type} no event type has. */
  UNKNOWN_TYPE(InvalidReason.UNKNOWN_TYPE) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String known = RecordEdits.text(event.headers(), CloudEventHeaders.TYPE);
      String type = pick(random, List.of("com.acme.customer.vanished.v9", known.replace(".v1", ".v2"),
          known.toUpperCase(Locale.ROOT), word(random, 12), ""));
      return headers(event, with(event.headers(), CloudEventHeaders.TYPE, type), "'" + type + "'");
    }
  },
  /** A key other than the subject, or none. */
  KEY_NOT_SUBJECT(InvalidReason.KEY_MISMATCH) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String subject = new String(event.key(), UTF_8);
      String key = pick(random, List.of("null", subject + "-other", subject + " ", word(random, 10)));
      return new FuzzRecord(event.topic(), key.equals("null") ? null : key.getBytes(UTF_8), event.headers(),
          event.value(), reasons(), name() + " '" + key + "'");
    }
  },
  /** A required field of the data removed. */
  FIELD_REMOVED(InvalidReason.SCHEMA_VIOLATION) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      ObjectNode data = RecordEdits.data(event);
      String field = randomField(data, random);
      data.remove(field);
      return value(event, RecordEdits.bytes(data), field);
    }
  },
  /** A field of the data with a value of the wrong JSON type. */
  FIELD_WRONG_TYPE(InvalidReason.SCHEMA_VIOLATION) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      ObjectNode data = RecordEdits.data(event);
      String field = randomField(data, random);
      if (data.get(field).isTextual()) {
        data.put(field, random.nextInt(1_000));
      } else {
        data.put(field, word(random, 5));
      }
      return value(event, RecordEdits.bytes(data), field);
    }
  },
  /** A field of the data out of its range: a string too long, a negative amount, an empty item list. */
  FIELD_OUT_OF_RANGE(InvalidReason.SCHEMA_VIOLATION) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      ObjectNode data = RecordEdits.data(event);
      String field = randomField(data, random);
      JsonNode value = data.get(field);
      if (value.isTextual()) {
        data.put(field, word(random, 300 + random.nextInt(300)));
      } else if (value.isArray()) {
        data.putArray(field);
      } else {
        data.put(field, -1 - random.nextInt(1_000));
      }
      return value(event, RecordEdits.bytes(data), field);
    }
  },
  /** A property the schema does not define. */
  UNKNOWN_FIELD(InvalidReason.SCHEMA_VIOLATION) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      ObjectNode data = RecordEdits.data(event);
      String field = "x" + word(random, 6);
      data.put(field, random.nextInt());
      return value(event, RecordEdits.bytes(data), field);
    }
  },
  /** The data's {@code customerId} differs from the subject (the keying rule). */
  CUSTOMER_ID_NOT_SUBJECT(InvalidReason.SCHEMA_VIOLATION) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      ObjectNode data = RecordEdits.data(event);
      data.put("customerId", "other-" + word(random, 6));
      return value(event, RecordEdits.bytes(data), data.get("customerId").asText());
    }
  },
  /** A valid event padded with JSON white space to just over the size limit. */
  OVERSIZED(InvalidReason.OVERSIZED) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      int size = maxRecordBytes + 1 + random.nextInt(100) - event.key().length;
      byte[] value = Arrays.copyOf(event.value(), size);
      Arrays.fill(value, event.value().length, size, (byte) ' ');
      return value(event, value, (size + event.key().length) + " bytes");
    }
  },
  /** Structured mode whose value is not JSON. */
  STRUCTURED_GARBAGE(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      return structured(event, RecordEdits.notJson(random, 1 + random.nextInt(200)), "");
    }
  },
  /** Structured mode whose value is JSON but not an object. */
  STRUCTURED_NON_OBJECT(InvalidReason.MALFORMED_JSON) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String json = "[" + RecordEdits.structured(event) + "]";
      return structured(event, json.getBytes(UTF_8), "array");
    }
  },
  /** Structured mode without one attribute. */
  STRUCTURED_ATTRIBUTE_REMOVED(InvalidReason.MISSING_ATTRIBUTE) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      ObjectNode root = RecordEdits.structured(event);
      String attribute = pick(random, RecordEdits.ATTRIBUTES).substring("ce_".length());
      root.remove(attribute);
      return structured(event, RecordEdits.bytes(root), attribute);
    }
  },
  /** Structured mode with binary data ({@code data_base64}) or a data content type that is not JSON. */
  STRUCTURED_NOT_JSON_DATA(InvalidReason.UNSUPPORTED_CONTENT_TYPE) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      ObjectNode root = RecordEdits.structured(event);
      if (random.nextBoolean()) {
        root.remove("data");
        root.put("data_base64", Base64.getEncoder().encodeToString(event.value()));
        return structured(event, RecordEdits.bytes(root), "data_base64");
      }
      root.put("datacontenttype", "text/xml");
      return structured(event, RecordEdits.bytes(root), "text/xml");
    }
  },
  /** A valid structured-mode event under another key. */
  STRUCTURED_KEY_NOT_SUBJECT(InvalidReason.KEY_MISMATCH) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      byte[] key = ("other-" + word(random, 6)).getBytes(UTF_8);
      return new FuzzRecord(event.topic(), key, RecordEdits.structuredHeaders(),
          RecordEdits.bytes(RecordEdits.structured(event)), reasons(), name());
    }
  },
  /** A valid event written to the other domain topic (an order event on the customers topic). */
  WRONG_TOPIC(InputRejection.WRONG_TOPIC.name()) {
    @Override
    FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes) {
      String other = event.topic().equals(DomainTopic.CUSTOMERS.topicName()) ? DomainTopic.ORDERS.topicName()
          : DomainTopic.CUSTOMERS.topicName();
      return new FuzzRecord(other, event.key(), event.headers(), event.value(), reasons(), name());
    }
  };

  private final String reason;

  Mutation(InvalidReason reason) {
    this(reason.name());
  }

  Mutation(String reason) {
    this.reason = reason;
  }

  /** The {@code dlq.reason} the mutated record must get. */
  public String reason() {
    return reason;
  }

  /** {@code true} when the contracts' codec itself rejects the mutated record. */
  public boolean codecLevel() {
    return this != WRONG_TOPIC;
  }

  /** Breaks {@code event}; the record goes to the event's topic unless the mutation is the topic. */
  abstract FuzzRecord apply(EncodedEvent event, Random random, int maxRecordBytes);

  Set<String> reasons() {
    return Set.of(reason);
  }

  FuzzRecord value(EncodedEvent event, byte[] value, String detail) {
    return new FuzzRecord(event.topic(), event.key(), event.headers(), value, reasons(), label(detail));
  }

  FuzzRecord headers(EncodedEvent event, List<Header> headers, String detail) {
    return new FuzzRecord(event.topic(), event.key(), headers, event.value(), reasons(), label(detail));
  }

  FuzzRecord structured(EncodedEvent event, byte[] value, String detail) {
    return new FuzzRecord(event.topic(), event.key(), RecordEdits.structuredHeaders(), value, reasons(), label(detail));
  }

  private String label(String detail) {
    return detail.isEmpty() ? name() : name() + " " + detail;
  }

  private static String randomField(ObjectNode data, Random random) {
    List<String> fields = new ArrayList<>();
    data.fieldNames().forEachRemaining(fields::add);
    return pick(random, fields);
  }
}
