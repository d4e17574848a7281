package dev.backbone.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.contracts.DomainTopic;
import dev.backbone.loadgen.EventSink;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.loadgen.LoadSpec;
import dev.backbone.loadgen.LoadSummary;
import dev.backbone.loadgen.ProgressListener;
import dev.backbone.loadgen.ledger.Ledger;
import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.loadgen.ledger.LedgerVerification;
import dev.backbone.loadgen.ledger.LedgerVerifier;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.testkit.LocalStackExtension;
import dev.backbone.testkit.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class BufferedLedgerIT {

    private static final int EVENTS = 500;

    @TempDir
    Path dir;

    @Test
    void shouldFindEveryEventLedgeredAsBufferedInKafkaOnceThePublisherDrainedItsJournal(TestStack stack) throws Exception {
        // given unique topics and a journal shared by two publishers of the same service
        Map<DomainTopic, String> topics = Map.of(
                DomainTopic.CUSTOMERS, stack.createTopic("buffered-customers", 3),
                DomainTopic.ORDERS, stack.createTopic("buffered-orders", 3),
                DomainTopic.PAYMENTS, stack.createTopic("buffered-payments", 3));
        Path journal = dir.resolve("journal");
        LoadSpec spec = LoadSpec.builder().customers(50).ratePerSecond(1_000).maxEvents(EVENTS).maxDuration(Duration.ofMinutes(2))
                .ledger(dir.resolve("ledger.tsv")).idPrefix(stack.uniqueName("buffered")).build();

        // when the load runs while Kafka is unreachable
        PublisherConfig offline = config("127.0.0.1:" + unusedPort(), journal, topics);
        LoadSummary summary;
        try (EventPublisher publisher = EventPublisher.builder(offline).build()) {
            summary = LoadGenerator.of(EventSink.of(publisher, offline)).run(spec, ProgressListener.NONE);
        }
        // and a publisher on the same journal later reaches Kafka and drains it
        try (EventPublisher publisher = EventPublisher.builder(config(stack.kafka().bootstrapServers(), journal, topics)).build()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (publisher.bufferedEvents() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(publisher.bufferedEvents()).isZero();
        }

        // then every event was acknowledged by the journal, and every ledgered one is now in Kafka
        assertThat(summary.progress().acknowledged()).isEqualTo(EVENTS);
        assertThat(summary.progress().buffered()).isEqualTo(EVENTS);
        Ledger ledger = Ledger.read(spec.ledger());
        assertThat(ledger.entries()).hasSize(EVENTS).allMatch(entry -> entry.placement() instanceof LedgerEntry.Buffered)
                .allMatch(entry -> topics.containsValue(entry.topic()));
        LedgerVerification verification = LedgerVerifier.verify(stack.kafka().bootstrapServers(), ledger.entries(), Duration.ofMinutes(2));
        assertThat(verification.missing()).isEmpty();
        assertThat(verification.found()).isEqualTo(EVENTS);
        assertThat(verification.complete()).isTrue();
    }

    private static PublisherConfig config(String bootstrapServers, Path journal, Map<DomainTopic, String> topics) {
        PublisherConfig.Builder builder = PublisherConfig.builder().bootstrapServers(bootstrapServers).clientId("buffered-it")
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(journal)).maxBlock(Duration.ofMillis(200))
                .deliveryTimeout(Duration.ofSeconds(4)).requestTimeout(Duration.ofSeconds(2)).closeTimeout(Duration.ofSeconds(10));
        topics.forEach(builder::topicName);
        return builder.build();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
