package dev.backbone.contracts.codec;

import static dev.backbone.contracts.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonBytesWriterTest {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private static final List<JsonNode> DATA = List.of(
      json("""
          {"orderId":"o-1","customerId":"c-42","items":[{"sku":"a","quantity":2,"unitPriceMinor":1250},{"sku":"b"}],
           "nested":{"deeper":{"list":[[],[1,2.5,-0.0,true,null],{}]}},"big":123456789012345678901234567890}"""),
      json("""
          {"text":"quote \\" backslash \\\\ newline \\n tab \\t control \\u0001 unicode \\u00e4\\u20ac\\ud83d\\ude00 </script>"}"""),
      json("{}"),
      json("""
          {"customerId":"c-1","email":"jane.doe@example.com"}"""));

  @Test
  void shouldWriteTheSameBytesAsWriteValueAsBytesOneEventAfterAnother() throws Exception {
    JsonBytesWriter writer = new JsonBytesWriter(MAPPER);

    for (int round = 0; round < 3; round++) {
      for (JsonNode data : DATA) {
        assertThat(new String(writer.write(data), "UTF-8")).isEqualTo(new String(MAPPER.writeValueAsBytes(data), "UTF-8"));
      }
    }
  }

  @Test
  void shouldWriteObjectsAsWriteValueAsBytesDoesBetweenTrees() throws Exception {
    JsonBytesWriter writer = new JsonBytesWriter(MAPPER);
    List<Object> values = List.of(new Line("sku-1", 2, List.of("gift", "fragile"), null), DATA.get(0),
        new Line("sku-ü", -1, List.of(), new Line("inner", 0, List.of("x"), null)), "text", 42);

    for (Object value : values) {
      assertThat(new String(writer.write(value), "UTF-8")).isEqualTo(new String(MAPPER.writeValueAsBytes(value), "UTF-8"));
    }
  }

  /** A bean such as the Streams app's states: a record with a nested one and a null. */
  record Line(String sku, int quantity, List<String> tags, Line parent) {
  }

  @Test
  void shouldWriteALargeEventAndTheSmallOnesAfterIt() throws Exception {
    JsonBytesWriter writer = new JsonBytesWriter(MAPPER);
    ObjectNode large = MAPPER.createObjectNode().put("padding", "x".repeat(JsonBytesWriter.KEPT_BYTES * 2));

    assertThat(writer.write(large)).isEqualTo(MAPPER.writeValueAsBytes(large));
    assertThat(writer.write(DATA.get(0))).isEqualTo(MAPPER.writeValueAsBytes(DATA.get(0)));
  }

  @Test
  void shouldWriteFromManyThreadsAtOnce() throws Exception {
    JsonBytesWriter writer = new JsonBytesWriter(MAPPER);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(threads.submit(() -> {
          for (int i = 0; i < 5_000; i++) {
            JsonNode data = MAPPER.createObjectNode().put("thread", thread).put("i", i).set("same", DATA.get(i % DATA.size()));
            if (!java.util.Arrays.equals(writer.write(data), MAPPER.writeValueAsBytes(data))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
