package dev.backbone.contracts.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import dev.backbone.contracts.Sequence;
import dev.backbone.contracts.codec.DecodeResult.Invalid;
import dev.backbone.contracts.schema.EventValidator;
import dev.backbone.contracts.schema.SchemaViolation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Converts {@link EventEnvelope}s to and from Kafka records under the CloudEvents 1.0 Kafka
 * protocol binding.
 *
 * <p>{@link #encode} always writes binary content mode: {@code ce_*} headers, {@code content-type:
 * application/json}, the data as the value, the subject as the key. {@link #decode} accepts binary
 * mode and structured mode ({@code content-type: application/cloudevents+json}) and never throws
 * for bad input: it returns {@link DecodeResult.Invalid} with a reason and a detail naming the
 * attribute or field and the offending value, so that a consumer can dead-letter the record and
 * move on. A decoded event has also passed its JSON Schema.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventEnvelopeCodec {

  /** Default limit for {@link #decode}: Kafka's default {@code max.message.bytes}. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 1_048_588;

  private static final int MAX_DETAIL_VALUE = 100;

  // the same on every record (of a type): made once and shared, as records' headers are only read
  private static final Header SPEC_VERSION_HEADER = header(CloudEventHeaders.SPEC_VERSION, EventEnvelope.SPEC_VERSION);
  private static final Header CONTENT_TYPE_HEADER = header(CloudEventHeaders.CONTENT_TYPE, EventEnvelope.DATA_CONTENT_TYPE);
  private static final Map<EventType, Header> TYPE_HEADERS = typeHeaders();

  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private final CeTimeFormat timeFormat = new CeTimeFormat();
  private final JsonBytesWriter dataWriter = new JsonBytesWriter(mapper);
  private volatile SourceHeader lastSource; // null until the first encode
  private final EventValidator validator;
  private final int maxRecordBytes;

  /**
   * Creates a codec.
   *
   * @param validator the schema validator used by {@link #decode}
   * @param maxRecordBytes records with a larger key + value are {@link InvalidReason#OVERSIZED}
   */
  public EventEnvelopeCodec(EventValidator validator, int maxRecordBytes) {
    this.validator = Objects.requireNonNull(validator, "validator");
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be > 0 but was " + maxRecordBytes);
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Creates a codec with {@link #DEFAULT_MAX_RECORD_BYTES}. */
  public EventEnvelopeCodec(EventValidator validator) {
    this(validator, DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * Encodes an event in binary content mode. Does not validate the data; see {@link EventValidator}.
   *
   * @return topic, key, headers and value of the Kafka record
   */
  public EncodedEvent encode(EventEnvelope event) {
    List<Header> headers = List.of(
        SPEC_VERSION_HEADER,
        header(CloudEventHeaders.ID, event.id().toString()),
        sourceHeader(event.source()),
        TYPE_HEADERS.get(event.type()),
        header(CloudEventHeaders.SUBJECT, event.subject().value()),
        new RecordHeader(CloudEventHeaders.TIME, timeFormat.formatUtf8(event.time())),
        header(CloudEventHeaders.SEQUENCE, event.sequence().toString()),
        CONTENT_TYPE_HEADER);
    byte[] value = event.readData(dataWriter::write);
    return new EncodedEvent(event.topic().topicName(), event.subject().value().getBytes(UTF_8), headers, value);
  }

  /** The source header, made once for a publisher's one source (a record's headers are only read). */
  private Header sourceHeader(URI source) {
    SourceHeader last = lastSource;
    if (last == null || !last.source().equals(source)) {
      last = new SourceHeader(source, header(CloudEventHeaders.SOURCE, source.toString()));
      lastSource = last;
    }
    return last.header();
  }

  private record SourceHeader(URI source, Header header) {
  }

  /**
   * Decodes and validates one record.
   *
   * @param key the record key (may be {@code null})
   * @param headers the record headers
   * @param value the record value (may be {@code null})
   * @return {@link DecodeResult.Valid} or {@link DecodeResult.Invalid}; never throws for bad input
   */
  public DecodeResult decode(byte[] key, Headers headers, byte[] value) {
    int size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    if (size > maxRecordBytes) {
      return Invalid.of(InvalidReason.OVERSIZED, "record is " + size + " bytes, limit is " + maxRecordBytes);
    }
    if (value == null) {
      return Invalid.of(InvalidReason.MALFORMED_JSON, "record value is null (tombstone)");
    }
    String contentType = headerText(headers, CloudEventHeaders.CONTENT_TYPE);
    if (contentType != null && mediaType(contentType).equals(CloudEventHeaders.STRUCTURED_CONTENT_TYPE)) {
      return decodeStructured(key, value);
    }
    if (contentType != null && !mediaType(contentType).equals(EventEnvelope.DATA_CONTENT_TYPE)) {
      return Invalid.of(InvalidReason.UNSUPPORTED_CONTENT_TYPE, "content-type '" + clip(contentType) + "' is not supported");
    }
    JsonNode data;
    try {
      data = mapper.readTree(value);
    } catch (IOException e) {
      return Invalid.of(InvalidReason.MALFORMED_JSON, "data is not valid JSON: " + clip(jsonError(e)));
    }
    return toEnvelope(key, name -> headerText(headers, "ce_" + name), data);
  }

  private DecodeResult decodeStructured(byte[] key, byte[] value) {
    JsonNode root;
    try {
      root = mapper.readTree(value);
    } catch (IOException e) {
      return Invalid.of(InvalidReason.MALFORMED_JSON, "structured event is not valid JSON: " + clip(jsonError(e)));
    }
    if (!root.isObject()) {
      return Invalid.of(InvalidReason.MALFORMED_JSON, "structured event must be a JSON object but was " + root.getNodeType());
    }
    if (root.has("data_base64")) {
      return Invalid.of(InvalidReason.UNSUPPORTED_CONTENT_TYPE, "data_base64 is not supported: data must be JSON");
    }
    JsonNode contentType = root.get("datacontenttype");
    if (contentType != null && !mediaType(contentType.asText()).equals(EventEnvelope.DATA_CONTENT_TYPE)) {
      return Invalid.of(InvalidReason.UNSUPPORTED_CONTENT_TYPE,
          "datacontenttype '" + clip(contentType.asText()) + "' is not supported");
    }
    Function<String, String> attribute = name -> {
      JsonNode node = root.get(name);
      return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    };
    return toEnvelope(key, attribute, root.path("data"));
  }

  private DecodeResult toEnvelope(byte[] key, Function<String, String> attribute, JsonNode data) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String name : List.of("specversion", "id", "source", "type", "subject", "time", "sequence")) {
      String text = attribute.apply(name);
      if (text == null) {
        return Invalid.of(InvalidReason.MISSING_ATTRIBUTE, "attribute '" + name + "' is missing");
      }
      attributes.put(name, text);
    }
    if (!EventEnvelope.SPEC_VERSION.equals(attributes.get("specversion"))) {
      return Invalid.of(InvalidReason.UNSUPPORTED_SPEC_VERSION,
          "attribute 'specversion' must be 1.0 but was '" + clip(attributes.get("specversion")) + "'");
    }
    EventType type = EventType.fromCeType(attributes.get("type")).orElse(null);
    if (type == null) {
      return Invalid.of(InvalidReason.UNKNOWN_TYPE, "attribute 'type' names no known event type: '" + clip(attributes.get("type")) + "'");
    }
    EventId id;
    AggregateId subject;
    Sequence sequence;
    Instant time;
    URI source;
    String current = "id";
    try {
      id = EventId.parse(attributes.get("id"));
      current = "subject";
      subject = new AggregateId(attributes.get("subject"));
      current = "sequence";
      sequence = new Sequence(Long.parseLong(attributes.get("sequence")));
      current = "time";
      time = timeFormat.parse(attributes.get("time"));
      current = "source";
      source = new URI(attributes.get("source"));
      if (source.toString().isEmpty()) {
        throw new URISyntaxException("", "empty");
      }
    } catch (IllegalArgumentException | DateTimeParseException | URISyntaxException e) {
      return Invalid.of(InvalidReason.MALFORMED_ATTRIBUTE,
          "attribute '" + current + "' is malformed: '" + clip(attributes.get(current)) + "'");
    }
    String keyText = key == null ? null : new String(key, UTF_8);
    if (!subject.value().equals(keyText)) {
      return Invalid.of(InvalidReason.KEY_MISMATCH,
          "record key '" + clip(keyText) + "' differs from attribute 'subject' '" + clip(subject.value()) + "'");
    }
    if (!data.isObject()) {
      return Invalid.of(InvalidReason.MALFORMED_JSON, "data must be a JSON object but was " + data.getNodeType());
    }
    List<SchemaViolation> violations = validator.validate(type, subject, data);
    if (!violations.isEmpty()) {
      return new Invalid(InvalidReason.SCHEMA_VIOLATION,
          type.ceType() + ": " + String.join("; ", violations.stream().map(SchemaViolation::toString).toList()),
          violations);
    }
    // the data was parsed for this record and is referenced nowhere else: the envelope adopts it
    return new DecodeResult.Valid(EventEnvelope.adopting(id, source, type, subject, sequence, time, (ObjectNode) data));
  }

  private static Map<EventType, Header> typeHeaders() {
    Map<EventType, Header> headers = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      headers.put(type, header(CloudEventHeaders.TYPE, type.ceType()));
    }
    return headers;
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(UTF_8));
  }

  private static String headerText(Headers headers, String name) {
    Header header = headers == null ? null : headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  private static String jsonError(IOException e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }

  private static String clip(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= MAX_DETAIL_VALUE ? text : text.substring(0, MAX_DETAIL_VALUE) + "…";
  }
}
