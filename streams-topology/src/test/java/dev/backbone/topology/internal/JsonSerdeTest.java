package dev.backbone.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backbone.topology.CustomerState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

  /** What the topology wrote before its own Instant serializer: the Java time module's ISO text. */
  private static final ObjectMapper JAVA_TIME_MODULE = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  @Test
  void shouldWriteTimesAsTheJavaTimeModuleDoesAndReadThemBack() throws Exception {
    // given states whose times have no fraction, milli, micro and nano precision, and cross a second
    List<Instant> times = List.of(Instant.parse("2026-12-31T23:59:59Z"), Instant.parse("2026-12-31T23:59:59.120Z"),
        Instant.parse("2026-12-31T23:59:59.123456Z"), Instant.parse("2027-01-01T00:00:00.000000001Z"), Instant.EPOCH);
    JsonSerde<CustomerState> serde = JsonSerde.of(CustomerState.class);

    for (Instant time : times) {
      CustomerState state = new CustomerState("c-1", "a@example.com", "Ada", false, 3, time.minusSeconds(1), time);

      // when
      byte[] written = serde.serializer().serialize("topic", state);

      // then
      assertThat(new String(written)).as("%s", time).isEqualTo(JAVA_TIME_MODULE.writeValueAsString(state));
      assertThat(serde.deserializer().deserialize("topic", written)).isEqualTo(state);
    }
  }

  @Test
  void shouldReadEveryTimeTheJavaTimeModuleReads() throws Exception {
    // given times as RFC 3339 (cached second, offsets), past the four-digit year, and as numbers
    List<String> times = List.of("\"2026-12-31T23:59:59Z\"", "\"2026-12-31T23:59:59.5Z\"", "\"2026-12-31T23:59:58.000000007Z\"",
        "\"2026-12-31T23:59:59+01:00\"", "\"2026-12-31T23:59:59.25-05:30\"", "\"+10000-01-01T00:00:00Z\"", "1767225599",
        "1767225599.123456789");
    JsonSerde<CustomerState> serde = JsonSerde.of(CustomerState.class);

    for (String time : times) {
      String json = "{\"customerId\":\"c-1\",\"email\":\"a@example.com\",\"fullName\":\"Ada\",\"deleted\":false,\"version\":3,"
          + "\"createdAt\":" + time + ",\"updatedAt\":" + time + "}";

      // when
      CustomerState read = serde.deserializer().deserialize("topic", json.getBytes(StandardCharsets.UTF_8));

      // then
      assertThat(read).as(json).isEqualTo(JAVA_TIME_MODULE.readValue(json, CustomerState.class));
    }
  }

  @Test
  void shouldRejectATimeTheJavaTimeModuleRejects() {
    String json = "{\"customerId\":\"c-1\",\"email\":\"a@example.com\",\"fullName\":\"Ada\",\"deleted\":false,\"version\":3,"
        + "\"createdAt\":\"yesterday\",\"updatedAt\":\"2026-12-31T23:59:59Z\"}";

    assertThatThrownBy(() -> serde().deserializer().deserialize("topic", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasRootCauseInstanceOf(DateTimeParseException.class);
  }

  private static JsonSerde<CustomerState> serde() {
    return JsonSerde.of(CustomerState.class);
  }
}
