package dev.backbone.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backbone.topology.CustomerState;
import java.time.Instant;
import java.util.List;
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
}
