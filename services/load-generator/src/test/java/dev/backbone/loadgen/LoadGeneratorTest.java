package dev.backbone.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backbone.contracts.EventEnvelope;
import dev.backbone.loadgen.ledger.Ledger;
import dev.backbone.loadgen.ledger.LedgerEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));

    private LoadGenerator generator(InMemorySink sink) {
        return new LoadGenerator(sink, clock, clock::advance);
    }

    @Test
    void shouldLedgerEveryAcknowledgedEventAndNoFailedOne() throws Exception {
        InMemorySink sink = new InMemorySink(10, 97);
        LoadSpec spec = LoadSpec.builder().customers(50).ratePerSecond(1_000).maxEvents(2_000).ledger(dir.resolve("ledger.tsv"))
                .idPrefix("unit").build();

        LoadSummary summary = generator(sink).run(spec, ProgressListener.NONE);

        Ledger ledger = Ledger.read(spec.ledger());
        Set<String> failed = new java.util.HashSet<>();
        for (int i = 97; i <= sink.published.size(); i += 97) {
            failed.add(sink.published.get(i - 1).id().toString());
        }
        Set<String> ledgered = ledger.entries().stream().map(e -> e.eventId().toString()).collect(Collectors.toSet());
        assertThat(sink.published).hasSize(2_000);
        assertThat(ledgered).hasSize(2_000 - failed.size()).doesNotContainAnyElementsOf(failed);
        assertThat(summary.progress().acknowledged()).isEqualTo(ledger.entries().size());
        assertThat(summary.progress().failed()).isEqualTo(failed.size());
        assertThat(summary.failuresByCause()).containsOnlyKeys("BufferFullException");
        assertThat(summary.unconfirmed()).isZero();
        assertThat(ledger.entries().stream().filter(e -> e.placement() instanceof LedgerEntry.Buffered))
                .hasSize((int) summary.progress().buffered()).allMatch(e -> e.topic().startsWith("test.backbone."));
    }

    @Test
    void shouldStopEarlyWhenAskedAndStillLedgerEverythingAcknowledged() throws Exception {
        InMemorySink sink = new InMemorySink(0, 0);
        LoadGenerator generator = generator(sink);
        LoadSpec spec = LoadSpec.builder().customers(10).ratePerSecond(100).maxEvents(Long.MAX_VALUE).maxDuration(Duration.ofHours(1))
                .ledger(dir.resolve("ledger.tsv")).idPrefix("unit").build();

        LoadSummary summary = generator.run(spec, p -> {
            if (p.published() >= 300) {
                generator.requestStop();
            }
        });

        assertThat(summary.progress().published()).isBetween(300L, 400L);
        assertThat(Ledger.read(spec.ledger()).entries()).hasSize((int) summary.progress().published());
        assertThat(summary.unconfirmed()).isZero();
    }

    @Test
    void shouldPublishAtTheTargetRateUntilTheDurationIsOver() throws Exception {
        InMemorySink sink = new InMemorySink(0, 0);
        LoadSpec spec = LoadSpec.builder().customers(10).ratePerSecond(200).maxDuration(Duration.ofSeconds(10))
                .ledger(dir.resolve("ledger.tsv")).idPrefix("unit").build();
        List<LoadProgress> progress = new ArrayList<>();

        LoadSummary summary = generator(sink).run(spec, progress::add);

        // 10 s at 200/s plus the initial burst of 10 tokens
        assertThat(summary.progress().published()).isBetween(2_000L, 2_010L);
        assertThat(summary.progress().elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(progress).hasSizeGreaterThanOrEqualTo(9);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(summary.progress());
    }

    @Test
    void shouldPublishEventsWithIncreasingSequencesPerEntityKeyedByCustomer() throws Exception {
        InMemorySink sink = new InMemorySink(0, 0);
        LoadSpec spec = LoadSpec.builder().customers(20).ratePerSecond(1_000).maxEvents(1_000).ledger(dir.resolve("ledger.tsv"))
                .idPrefix("unit").build();

        generator(sink).run(spec, ProgressListener.NONE);

        for (EventEnvelope event : sink.published) {
            assertThat(event.subject().value()).startsWith("unit-c").isEqualTo(event.data().get("customerId").asText());
            assertThat(event.source()).isEqualTo(LoadGenerator.SOURCE);
        }
        assertThat(sink.published.stream().map(EventEnvelope::id).distinct()).hasSize(1_000);
    }

    @Test
    void shouldAppendToAnExistingLedger() throws Exception {
        LoadSpec spec = LoadSpec.builder().customers(5).ratePerSecond(1_000).maxEvents(100).ledger(dir.resolve("ledger.tsv"))
                .idPrefix("unit").build();

        generator(new InMemorySink(0, 0)).run(spec, ProgressListener.NONE);
        generator(new InMemorySink(0, 0)).run(LoadSpec.builder().customers(5).ratePerSecond(1_000).maxEvents(100)
                .ledger(spec.ledger()).idPrefix("unit2").build(), ProgressListener.NONE);

        assertThat(readQuietly(spec.ledger()).entries()).hasSize(200);
    }

    @Test
    void shouldRejectAnInvalidSpecNamingTheKeyAndValue() {
        assertThatThrownBy(() -> LoadSpec.builder().customers(0).ledger(dir).build())
                .hasMessage("load.customers must be >= 1 but was 0");
        assertThatThrownBy(() -> LoadSpec.builder().ratePerSecond(-5).ledger(dir).build())
                .hasMessage("load.rate must be > 0 events/s but was -5.0");
        assertThatThrownBy(() -> LoadSpec.builder().maxDuration(Duration.ZERO).ledger(dir).build())
                .hasMessage("load.duration must be > 0 but was PT0S");
        assertThatThrownBy(() -> LoadSpec.builder().idPrefix("Has Space").ledger(dir).build())
                .hasMessage("load.id-prefix must match [a-z0-9-]{1,40} but was 'Has Space'");
        assertThatThrownBy(() -> LoadSpec.builder().build()).hasMessage("load.ledger must be set but was null");
    }

    private static Ledger readQuietly(Path file) throws IOException {
        return Ledger.read(file);
    }
}
