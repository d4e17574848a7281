package dev.backbone.sdk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

  @Test
  void shouldRoundTripTopicKeyHeadersAndValue() throws IOException {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", "id-1".getBytes(UTF_8));
    headers.add("traceparent", "00-abc-def-01".getBytes(UTF_8));
    headers.add("empty", null);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>("backbone.orders.v1", null, null, "c-1".getBytes(UTF_8), "{}".getBytes(UTF_8), headers);

    ProducerRecord<byte[], byte[]> decoded = RecordFormat.decode(RecordFormat.encode(record));

    assertThat(decoded.topic()).isEqualTo("backbone.orders.v1");
    assertThat(decoded.key()).isEqualTo("c-1".getBytes(UTF_8));
    assertThat(decoded.value()).isEqualTo("{}".getBytes(UTF_8));
    assertThat(decoded.headers().toArray()).hasSize(3);
    assertThat(decoded.headers().lastHeader("traceparent").value()).isEqualTo("00-abc-def-01".getBytes(UTF_8));
    assertThat(RecordFormat.eventId(decoded)).isEqualTo("id-1");
  }

  @Test
  void shouldRefuseAnUnknownFormatVersion() {
    assertThatThrownBy(() -> RecordFormat.decode(new byte[] {9, 0, 0}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 9");
  }
}
