package dev.backbone.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {

  @TempDir
  Path journal;

  @Test
  void shouldKeepTheJournalPayloadAndSayWhyUntilItIsRemoved() throws Exception {
    Quarantine quarantine = new Quarantine(journal);
    ProducerRecord<byte[], byte[]> record = record("evt-1");
    byte[] payload = RecordFormat.encode(record);

    quarantine.put(42, payload, record, new RecordTooLargeException("The message is 6000 bytes"));
    quarantine.put(42, payload, record, new RecordTooLargeException("again, after a crash"));

    assertThat(quarantine.count()).isEqualTo(1);
    Path event = quarantine.eventFiles().get(0);
    assertThat(event.getFileName()).hasToString("00000000000000000042.event");
    assertThat(RecordFormat.decode(Files.readAllBytes(event)).topic()).isEqualTo("orders");
    assertThat(Files.readString(journal.resolve("quarantine/00000000000000000042.reason")))
        .contains("event-id: evt-1", "topic: orders", "key: cust-1", "RecordTooLargeException: again, after a crash");
    assertThat(Files.list(journal.resolve("quarantine"))).noneMatch(f -> f.toString().endsWith(".partial"));

    quarantine.remove(event);

    assertThat(quarantine.count()).isZero();
    assertThat(Files.list(journal.resolve("quarantine"))).isEmpty();
  }

  @Test
  void shouldCountNothingBeforeTheFirstEventIsSetAside() {
    assertThat(new Quarantine(journal).count()).isZero();
    assertThat(new Quarantine(journal).eventFiles()).isEmpty();
  }

  private static ProducerRecord<byte[], byte[]> record(String eventId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>("orders", null, "cust-1".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8), headers);
  }
}
