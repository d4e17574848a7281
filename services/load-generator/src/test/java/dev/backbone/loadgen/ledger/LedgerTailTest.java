package dev.backbone.loadgen.ledger;

import static dev.backbone.loadgen.ledger.LedgerTest.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.contracts.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTailTest {

    @TempDir
    Path dir;

    @Test
    void shouldReturnOnlyWhatWasAppendedSinceTheLastPoll() throws Exception {
        Path file = dir.resolve("ledger.tsv");
        LedgerTail tail = new LedgerTail(file);
        assertThat(tail.poll()).isEmpty();

        try (LedgerWriter writer = LedgerWriter.open(file)) {
            writer.append(entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "c1@example.com"));
            writer.sync();
            assertThat(tail.poll()).extracting(LedgerEntry::customerId).containsExactly("c1");

            writer.append(entry(EventType.ORDER_PLACED, "c1", "o1", 1, null));
            writer.append(entry(EventType.ORDER_PAID, "c1", "o1", 2, null));
            writer.sync();
            assertThat(tail.poll()).extracting(LedgerEntry::sequence).containsExactly(1L, 2L);
            assertThat(tail.poll()).isEmpty();
        }
        assertThat(Ledger.read(file).entries()).hasSize(3);
    }

    @Test
    void shouldKeepAnUnfinishedLineForTheNextPoll() throws Exception {
        Path file = dir.resolve("ledger.tsv");
        try (LedgerWriter writer = LedgerWriter.open(file)) {
            writer.append(entry(EventType.CUSTOMER_REGISTERED, "c1", "c1", 1, "c1@example.com"));
        }
        byte[] whole = Files.readAllBytes(file);
        Path growing = dir.resolve("growing.tsv");
        int cut = whole.length - 7;
        Files.write(growing, java.util.Arrays.copyOf(whole, cut));
        LedgerTail tail = new LedgerTail(growing);

        assertThat(tail.poll()).isEmpty();
        Files.write(growing, java.util.Arrays.copyOfRange(whole, cut, whole.length), StandardOpenOption.APPEND);
        assertThat(tail.poll()).extracting(LedgerEntry::customerId).containsExactly("c1");
    }

    @Test
    void shouldRefuseAFileThatIsNoLedger() throws Exception {
        Path file = dir.resolve("other.tsv");
        Files.writeString(file, "hello\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new LedgerTail(file).poll()).isInstanceOf(LedgerCorruptException.class)
                .hasMessageContaining("line 1 is not the header");
    }
}
