package dev.backbone.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.contracts.EventId;
import dev.backbone.loadgen.EventSink;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.loadgen.LoadSpec;
import dev.backbone.loadgen.LoadSummary;
import dev.backbone.loadgen.ProgressListener;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.loadgen.ledger.Ledger;
import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.loadgen.ledger.LedgerFold;
import dev.backbone.loadgen.ledger.LedgerVerification;
import dev.backbone.loadgen.ledger.LedgerVerifier;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class LoadGeneratorIT {

    private static final int EVENTS = Integer.getInteger("backbone.it.load.events", 5_000);

    @TempDir
    Path dir;

    @Test
    void shouldFindEveryLedgeredEventInKafkaWhereTheLedgerSaysItIs(TestStack stack) throws Exception {
        // given unique topics for the three domains
        Map<DomainTopic, String> topics = Map.of(
                DomainTopic.CUSTOMERS, stack.createTopic("load-customers", 3),
                DomainTopic.ORDERS, stack.createTopic("load-orders", 3),
                DomainTopic.PAYMENTS, stack.createTopic("load-payments", 3));
        PublisherConfig.Builder config = PublisherConfig.builder().bootstrapServers(stack.kafka().bootstrapServers())
                .clientId("load-it").source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(dir.resolve("journal")));
        topics.forEach(config::topicName);
        PublisherConfig publisherConfig = config.build();
        LoadSpec spec = LoadSpec.builder().customers(200).ratePerSecond(2_000).maxEvents(EVENTS).maxDuration(Duration.ofMinutes(3))
                .ledger(dir.resolve("ledger.tsv")).idPrefix(stack.uniqueName("it")).build();

        // when the load generator publishes through the SDK
        LoadSummary summary;
        try (EventPublisher publisher = EventPublisher.builder(publisherConfig).build()) {
            summary = LoadGenerator.of(EventSink.of(publisher, publisherConfig)).run(spec, ProgressListener.NONE);
        }

        // then every event was acknowledged and ledgered, and each ledger entry is in Kafka at its offset
        assertThat(summary.progress().published()).isEqualTo(EVENTS);
        assertThat(summary.progress().failed()).isZero();
        assertThat(summary.unconfirmed()).isZero();
        Ledger ledger = Ledger.read(spec.ledger());
        assertThat(ledger.entries()).hasSize(EVENTS);
        LedgerVerification verification = LedgerVerifier.verify(stack.kafka().bootstrapServers(), ledger.entries(), Duration.ofMinutes(2));
        assertThat(verification.missing()).isEmpty();
        assertThat(verification.complete()).isTrue();
        assertThat(verification.found()).isEqualTo(EVENTS);
        assertThat(verification.ledgered()).isEqualTo(EVENTS);
        assertThat(ledger.entries()).allMatch(entry -> topics.containsValue(entry.topic()));
        // and an event that never reached Kafka would be reported
        LedgerEntry any = ledger.entries().get(0);
        LedgerEntry lost = new LedgerEntry(new EventId(UUID.randomUUID()), any.type(), any.customerId(), any.entityId(), 99, any.topic(),
                new LedgerEntry.Buffered(1), null);
        List<LedgerEntry> withLost = new ArrayList<>(ledger.entries());
        withLost.add(lost);
        assertThat(LedgerVerifier.verify(stack.kafka().bootstrapServers(), withLost, Duration.ofMinutes(2)).missing())
                .containsExactly(lost.eventId());
        ExpectedState expected = LedgerFold.fold(ledger.entries());
        assertThat(expected.events()).isEqualTo(EVENTS);
        assertThat(expected.customers()).hasSize(200);
        assertThat(expected.orders()).isNotEmpty();
    }
}
