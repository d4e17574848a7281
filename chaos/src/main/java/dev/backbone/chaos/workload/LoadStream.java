package dev.backbone.chaos.workload;

import dev.backbone.loadgen.EventSink;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.loadgen.LoadProgress;
import dev.backbone.loadgen.LoadSpec;
import dev.backbone.loadgen.LoadSummary;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One load generator publishing through its own SDK publisher (own journal, own ledger, own id
 * prefix) on a background thread until {@link #stop()} is called.
 */
final class LoadStream implements AutoCloseable {

    private static final Duration LONGEST_RUN = Duration.ofHours(2);
    private static final Duration SEND_REQUEST_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration SEND_DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final LoadSpec spec;
    private final EventPublisher publisher;
    private final LoadGenerator generator;
    private final AtomicReference<LoadProgress> progress = new AtomicReference<>(new LoadProgress(0, 0, 0, 0, Duration.ZERO));
    private final AtomicReference<LoadSummary> summary = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    LoadStream(String name, String bootstrapServers, Path dir, String idPrefix, int customers, double rate) {
        this.name = name;
        // Sends expire after 10 s instead of the SDK's default 30 s: more of them go through the journal
        // during a fault, the harsher path for loss and per-key order, and the drills wait less for it.
        PublisherConfig config = PublisherConfig.builder().bootstrapServers(bootstrapServers).clientId("chaos-" + name)
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(dir.resolve("journal")))
                .requestTimeout(SEND_REQUEST_TIMEOUT).deliveryTimeout(SEND_DELIVERY_TIMEOUT).build();
        this.spec = LoadSpec.builder().customers(customers).ratePerSecond(rate).maxEvents(Long.MAX_VALUE)
                .maxDuration(LONGEST_RUN).idPrefix(idPrefix).ledger(dir.resolve("ledger.tsv")).build();
        this.publisher = EventPublisher.builder(config).build();
        this.generator = LoadGenerator.of(EventSink.of(publisher, config));
        this.thread = new Thread(this::run, "chaos-load-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            summary.set(generator.run(spec, progress::set));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.set(e);
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    String name() {
        return name;
    }

    Path ledger() {
        return spec.ledger();
    }

    String idPrefix() {
        return spec.idPrefix();
    }

    LoadProgress progress() {
        return progress.get();
    }

    /** Events in the SDK journal now, waiting for Kafka. */
    long buffered() {
        return publisher.bufferedEvents();
    }

    /** Stops publishing and waits until every outstanding event has an outcome in the ledger. */
    void stop(Duration timeout) throws InterruptedException {
        generator.requestStop();
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("load stream " + name + " did not finish within " + timeout);
        }
    }

    Optional<LoadSummary> summary() {
        return Optional.ofNullable(summary.get());
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Closes the publisher; what is still journaled stays on disk for the next publisher on it. */
    @Override
    public void close() {
        publisher.close();
    }
}
