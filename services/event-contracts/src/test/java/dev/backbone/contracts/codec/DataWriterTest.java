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

class DataWriterTest {

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
    DataWriter writer = new DataWriter(MAPPER);

    for (int round = 0; round < 3; round++) {
      for (JsonNode data : DATA) {
        assertThat(new String(writer.write(data), "UTF-8")).isEqualTo(new String(MAPPER.writeValueAsBytes(data), "UTF-8"));
      }
    }
  }

  @Test
  void shouldWriteALargeEventAndTheSmallOnesAfterIt() throws Exception {
    DataWriter writer = new DataWriter(MAPPER);
    ObjectNode large = MAPPER.createObjectNode().put("padding", "x".repeat(DataWriter.KEPT_BYTES * 2));

    assertThat(writer.write(large)).isEqualTo(MAPPER.writeValueAsBytes(large));
    assertThat(writer.write(DATA.get(0))).isEqualTo(MAPPER.writeValueAsBytes(DATA.get(0)));
  }

  @Test
  void shouldWriteFromManyThreadsAtOnce() throws Exception {
    DataWriter writer = new DataWriter(MAPPER);
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
