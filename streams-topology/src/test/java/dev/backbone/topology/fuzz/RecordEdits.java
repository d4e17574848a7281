package dev.backbone.topology.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backbone.contracts.codec.CloudEventHeaders;
import dev.backbone.contracts.codec.EncodedEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Small edits of an encoded event's headers, value and form, for {@link Mutation}. */
final class RecordEdits {

  static final JsonMapper JSON = JsonMapper.builder().build();
  /** The binary-mode attribute headers the codec requires, in its order of checks. */
  static final List<String> ATTRIBUTES = List.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID,
      CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE, CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME,
      CloudEventHeaders.SEQUENCE);
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private RecordEdits() {
  }

  static List<Header> without(List<Header> headers, String name) {
    List<Header> kept = new ArrayList<>(headers);
    kept.removeIf(h -> h.key().equals(name));
    return kept;
  }

  /** {@code headers} with {@code name} replaced by one header with {@code value} (may be {@code null}). */
  static List<Header> with(List<Header> headers, String name, String value) {
    List<Header> edited = without(headers, name);
    edited.add(new RecordHeader(name, value == null ? null : value.getBytes(UTF_8)));
    return edited;
  }

  static String text(List<Header> headers, String name) {
    return headers.stream().filter(h -> h.key().equals(name)).map(h -> new String(h.value(), UTF_8)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no header " + name));
  }

  static ObjectNode data(EncodedEvent event) {
    try {
      return (ObjectNode) JSON.readTree(event.value());
    } catch (IOException e) {
      throw new IllegalArgumentException("not an encoded event: " + new String(event.value(), UTF_8), e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The event in CloudEvents structured mode: attributes and data in one JSON object (valid as is). */
  static ObjectNode structured(EncodedEvent event) {
    ObjectNode root = JSON.createObjectNode();
    for (String header : ATTRIBUTES) {
      root.put(header.substring("ce_".length()), text(event.headers(), header));
    }
    root.put("datacontenttype", "application/json");
    root.set("data", data(event));
    return root;
  }

  static List<Header> structuredHeaders() {
    return List.of(new RecordHeader(CloudEventHeaders.CONTENT_TYPE,
        CloudEventHeaders.STRUCTURED_CONTENT_TYPE.getBytes(UTF_8)));
  }

  /** {@code length} random lower-case letters and digits. */
  static String word(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return text.toString();
  }

  /**
   * Random bytes that are never JSON: the first is a control character (not JSON white space, and
   * not a byte-order mark or the zero byte by which Jackson guesses UTF-16/32).
   */
  static byte[] notJson(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    bytes[0] = (byte) (1 + random.nextInt(8));
    return bytes;
  }

  static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
