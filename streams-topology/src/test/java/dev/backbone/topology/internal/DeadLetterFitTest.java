package dev.backbone.topology.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.topology.DeadLetterHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;

class DeadLetterFitTest {

  /** Kafka's default max.request.size, which the producer checks against the record's upper-bound size. */
  private static final int PRODUCER_LIMIT = 1_048_576;

  @Test
  void shouldKeepARecordThatFitsWhole() {
    byte[] value = "{not json".getBytes(UTF_8);
    Headers original = headers("ce_id", "e-1");

    DeadLetterFit.Letter letter = DeadLetterFit.fit("c-1".getBytes(UTF_8), value, original, headers("dlq.reason", "MALFORMED_JSON"));

    assertThat(letter.value()).isEqualTo(value);
    assertThat(letter.headers().lastHeader("ce_id")).isNotNull();
    assertThat(letter.headers().lastHeader(DeadLetterHeaders.TRUNCATED_VALUE_BYTES)).isNull();
  }

  @Test
  void shouldCutTheValueOfANearlyOneMegabyteRecordSoTheProducerTakesIt() {
    byte[] value = new byte[1_048_000]; // fits the input topic, not with the dead-letter headers added
    DeadLetterFit.Letter letter = DeadLetterFit.fit("c-1".getBytes(UTF_8), value, headers("ce_id", "e-1"),
        headers("dlq.reason", "MALFORMED_JSON", "dlq.detail", "x".repeat(2_000)));

    assertThat(producerSize(letter)).isLessThanOrEqualTo(PRODUCER_LIMIT);
    assertThat(text(letter.headers(), DeadLetterHeaders.TRUNCATED_VALUE_BYTES)).isEqualTo("1048000");
    assertThat(letter.headers().lastHeader("ce_id")).as("small original headers are kept").isNotNull();
  }

  @Test
  void shouldFitAHugeOversizedRecordWithHugeHeadersAndKey() {
    Headers original = new RecordHeaders();
    for (int i = 0; i < 20; i++) {
      original.add(String.format("h%02d", i), new byte[100_000]);
    }
    DeadLetterFit.Letter letter = DeadLetterFit.fit(new byte[50_000], new byte[5_000_000], original, headers("dlq.reason", "OVERSIZED"));

    assertThat(producerSize(letter)).isLessThanOrEqualTo(PRODUCER_LIMIT);
    assertThat(text(letter.headers(), DeadLetterHeaders.DROPPED_HEADERS)).isEqualTo(Integer.toString(20 * (3 + 100_000)));
    assertThat(text(letter.headers(), DeadLetterHeaders.TRUNCATED_KEY_BYTES)).isEqualTo("50000");
    assertThat(text(letter.headers(), DeadLetterHeaders.TRUNCATED_VALUE_BYTES)).isEqualTo("5000000");
    assertThat(text(letter.headers(), "dlq.reason")).isEqualTo("OVERSIZED");
    assertThat(letter.value().length).isGreaterThan(900_000);
  }

  @Test
  void shouldCutAnOverlongDetail() {
    assertThat(DeadLetterFit.detail("x".repeat(10_000))).hasSize(DeadLetterFit.MAX_DETAIL_CHARS + 1);
    assertThat(DeadLetterFit.detail("short")).isEqualTo("short");
  }

  /** The size the producer checks against max.request.size (KafkaProducer#ensureValidRecordSize's input). */
  private static int producerSize(DeadLetterFit.Letter letter) {
    Header[] headers = letter.headers().toArray();
    return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.ZSTD,
        letter.key(), letter.value(), headers);
  }

  private static Headers headers(String... namesAndValues) {
    Headers headers = new RecordHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1].getBytes(UTF_8));
    }
    return headers;
  }

  private static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }
}
