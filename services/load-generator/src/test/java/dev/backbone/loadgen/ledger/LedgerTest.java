package dev.backbone.loadgen.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.contracts.EventId;
import dev.backbone.contracts.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

    @TempDir
    Path dir;

    static LedgerEntry entry(EventType type, String customer, String entity, long sequence, String email) {
        return new LedgerEntry(new EventId(UUID.randomUUID()), type, customer, entity, sequence, type.topic().topicName(),
                new LedgerEntry.InKafka(3, 1_000 + sequence), email);
    }

    @Test
    void shouldReadBackEveryEntryThatWasWrittenAndSynced() throws IOException {
        Path file = dir.resolve("runs/ledger.tsv");
        LedgerEntry registered = entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "c1.0@example.com");
        LedgerEntry buffered = new LedgerEntry(new EventId(UUID.randomUUID()), EventType.ORDER_PLACED, "c1", "c1-o0", 1,
                "backbone.orders.v1", new LedgerEntry.Buffered(17), null);

        try (LedgerWriter writer = LedgerWriter.open(file)) {
            writer.append(registered);
            writer.append(buffered);
        }

        Ledger ledger = Ledger.read(file);
        assertThat(ledger.entries()).containsExactly(registered, buffered);
        assertThat(ledger.tornTailBytes()).isZero();
    }

    @Test
    void shouldIgnoreATornLastLine() throws IOException {
        Path file = dir.resolve("ledger.tsv");
        LedgerEntry kept = entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "c1.0@example.com");
        try (LedgerWriter writer = LedgerWriter.open(file)) {
            writer.append(kept);
            writer.append(entry(EventType.CUSTOMER_DELETED, "c1", "c1", 2, null));
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 20));

        Ledger ledger = Ledger.read(file);

        assertThat(ledger.entries()).containsExactly(kept);
        assertThat(ledger.tornTailBytes()).isPositive();
    }

    @Test
    void shouldTreatALastLineWithABadChecksumAsTorn() throws IOException {
        Path file = dir.resolve("ledger.tsv");
        try (LedgerWriter writer = LedgerWriter.open(file)) {
            writer.append(entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "c1.0@example.com"));
        }
        Files.write(file, "\0\0\0\0\0\0\n".getBytes(UTF_8), StandardOpenOption.APPEND);

        assertThat(Ledger.read(file).entries()).hasSize(1);
    }

    @Test
    void shouldRefuseALedgerDamagedBeforeItsLastLine() throws IOException {
        Path file = dir.resolve("ledger.tsv");
        try (LedgerWriter writer = LedgerWriter.open(file)) {
            writer.append(entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "c1.0@example.com"));
            writer.append(entry(EventType.CUSTOMER_REGISTERED, "c2", "c2", 1, "c2.0@example.com"));
        }
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(1).replace("c1", "cX"), lines.get(2)));

        assertThatThrownBy(() -> Ledger.read(file)).isInstanceOf(LedgerCorruptException.class)
                .hasMessageContaining("line 2 is damaged (checksum mismatch)");
    }

    @Test
    void shouldCutATornTailOffBeforeAppendingAgain() throws IOException {
        Path file = dir.resolve("ledger.tsv");
        LedgerEntry first = entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "c1.0@example.com");
        LedgerEntry second = entry(EventType.CUSTOMER_EMAIL_CHANGED, "c1", "c1", 2, "c1.1@example.com");
        try (LedgerWriter writer = LedgerWriter.open(file)) {
            writer.append(first);
        }
        Files.write(file, "0192f1c4-7a4e-7b3a-8c1d-4e5f6a7b8c9d\tcom.acme.cust".getBytes(UTF_8), StandardOpenOption.APPEND);

        try (LedgerWriter writer = LedgerWriter.open(file)) {
            writer.append(second);
        }

        Ledger ledger = Ledger.read(file);
        assertThat(ledger.entries()).containsExactly(first, second);
        assertThat(ledger.tornTailBytes()).isZero();
    }

    @Test
    void shouldReadAFileTornInsideItsHeaderAsEmpty() throws IOException {
        Path file = dir.resolve("ledger.tsv");
        Files.writeString(file, "# backbone-led");

        assertThat(Ledger.read(file).entries()).isEmpty();
    }

    @Test
    void shouldRejectFieldsThatWouldBreakTheLineFormat() {
        assertThatThrownBy(() -> entry(EventType.CUSTOMER_REGISTERED, "c\t1", "c1", 1, null))
                .hasMessage("customerId must be non-empty without tabs or line breaks but was 'c\t1'");
    }
}
