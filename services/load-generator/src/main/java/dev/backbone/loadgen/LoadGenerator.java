package dev.backbone.loadgen;

import dev.backbone.contracts.AggregateId;
import dev.backbone.contracts.EventEnvelope;
import dev.backbone.contracts.EventIdGenerator;
import dev.backbone.loadgen.internal.EventMix;
import dev.backbone.loadgen.internal.LedgerRecorder;
import dev.backbone.loadgen.internal.PlannedEvent;
import dev.backbone.loadgen.internal.TokenBucket;
import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.loadgen.ledger.LedgerWriter;
import dev.backbone.sdk.EventRejectedException;
import dev.backbone.sdk.PublishException;
import dev.backbone.sdk.PublishReceipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a realistic mix of customer, order and payment events at a target rate and records
 * every acknowledged event in a ledger (see {@code docs/load-generator.md}):
 *
 * <pre>{@code
 * try (EventPublisher publisher = EventPublisher.builder(config).build()) {
 *     LoadSummary summary = LoadGenerator.of(EventSink.of(publisher, config))
 *         .run(LoadSpec.builder().customers(1_000).ratePerSecond(2_000).maxEvents(100_000)
 *             .ledger(Path.of("ledger.tsv")).build(), progress -> ...);
 * }
 * }</pre>
 *
 * <p>At most {@link LoadSpec#maxInFlight()} events are outstanding (published, not yet durable in
 * the ledger); the rate is paced by a token bucket on the injected clock. One run at a time.
 */
public final class LoadGenerator {

    /** The CloudEvents source of generated events. */
    public static final URI SOURCE = URI.create("/services/load-generator");

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    private final EventSink sink;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventIdGenerator ids;
    private volatile boolean stopRequested;

    LoadGenerator(EventSink sink, Clock clock, Sleeper sleeper) {
        this.sink = sink;
        this.clock = clock;
        this.sleeper = sleeper;
        this.ids = new EventIdGenerator(clock);
    }

    /** A generator publishing to {@code sink} in real time. */
    public static LoadGenerator of(EventSink sink) {
        return new LoadGenerator(sink, Clock.systemUTC(), duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos()));
    }

    /**
     * Runs until {@link LoadSpec#maxEvents()} are published or {@link LoadSpec#maxDuration()}
     * passed, then waits up to {@link LoadSpec#drainTimeout()} for the outstanding
     * acknowledgements and closes the ledger.
     *
     * @throws UncheckedIOException when the ledger cannot be opened or written
     * @throws InterruptedException when interrupted; the ledger holds what was recorded until then
     */
    public LoadSummary run(LoadSpec spec, ProgressListener listener) throws InterruptedException {
        EventMix mix = new EventMix(spec.idPrefix(), spec.customers(), spec.seed());
        TokenBucket bucket = new TokenBucket(spec.ratePerSecond(), (int) Math.max(1, Math.min(1_000, spec.ratePerSecond() / 20)), clock);
        Semaphore permits = new Semaphore(spec.maxInFlight());
        AtomicLong failed = new AtomicLong();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        Instant start = clock.instant();
        Instant deadline = start.plus(spec.maxDuration());
        long published = 0;
        long unconfirmed;
        LedgerRecorder recorder;
        try {
            recorder = new LedgerRecorder(LedgerWriter.open(spec.ledger()), permits, spec.maxInFlight());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger " + spec.ledger(), e);
        }
        try (recorder) {
            Instant nextProgress = start.plus(spec.progressInterval());
            while (published < spec.maxEvents() && !stopRequested) {
                Duration wait = bucket.reserve();
                if (!clock.instant().plus(wait).isBefore(deadline)) {
                    break;
                }
                if (wait.toNanos() >= 1_000_000) {
                    sleeper.sleep(wait);
                }
                while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    recorder.checkHealthy();
                }
                recorder.checkHealthy();
                publish(mix.next(), recorder, permits, failed, failures);
                published++;
                if (!clock.instant().isBefore(nextProgress)) {
                    listener.onProgress(progress(published, recorder, failed, start));
                    nextProgress = clock.instant().plus(spec.progressInterval());
                }
            }
            unconfirmed = awaitOutstanding(spec, permits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ledger " + spec.ledger(), e);
        }
        LoadProgress last = progress(published, recorder, failed, start);
        listener.onProgress(last);
        Map<String, Long> byCause = new TreeMap<>();
        failures.forEach((cause, count) -> byCause.put(cause, count.sum()));
        return new LoadSummary(last, unconfirmed, byCause, spec.ledger(), spec.idPrefix());
    }

    /**
     * Ends the running {@link #run} early, as if {@link LoadSpec#maxEvents()} had been reached: it
     * publishes nothing more, waits for the outstanding acknowledgements and closes the ledger. For
     * workloads whose length is decided while they run (chaos drills).
     */
    public void requestStop() {
        stopRequested = true;
    }

    private void publish(PlannedEvent planned, LedgerRecorder recorder, Semaphore permits, AtomicLong failed,
            Map<String, LongAdder> failures) {
        EventEnvelope event = new EventEnvelope(ids.next(), SOURCE, planned.type(), AggregateId.of(planned.customerId()),
                planned.sequence(), clock.instant(), planned.data());
        sink.publish(event).whenComplete((receipt, error) -> {
            if (error == null) {
                recorder.acknowledged(entry(event, planned, receipt));
            } else {
                failed.incrementAndGet();
                failures.computeIfAbsent(cause(error), key -> new LongAdder()).increment();
                permits.release();
            }
        });
    }

    private LedgerEntry entry(EventEnvelope event, PlannedEvent planned, PublishReceipt receipt) {
        String topic;
        LedgerEntry.Placement placement;
        if (receipt instanceof PublishReceipt.Kafka kafka) {
            topic = kafka.topic();
            placement = new LedgerEntry.InKafka(kafka.partition(), kafka.offset());
        } else {
            topic = sink.topicName(event.topic());
            placement = new LedgerEntry.Buffered(((PublishReceipt.Buffered) receipt).bufferPosition());
        }
        return new LedgerEntry(event.id(), event.type(), planned.customerId(), planned.entityId(), planned.sequence().value(), topic,
                placement, planned.email());
    }

    private static String cause(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof PublishException) {
            LOG.debug("[load-generator] publish failed: {}", cause.getMessage());
        } else {
            LOG.warn("[load-generator] unexpected publish failure", cause);
        }
        return cause instanceof EventRejectedException rejected
                ? cause.getClass().getSimpleName() + "(" + rejected.reason() + ")"
                : cause.getClass().getSimpleName();
    }

    private static long awaitOutstanding(LoadSpec spec, Semaphore permits) throws InterruptedException {
        if (permits.tryAcquire(spec.maxInFlight(), spec.drainTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            permits.release(spec.maxInFlight());
            return 0;
        }
        long outstanding = spec.maxInFlight() - permits.availablePermits();
        LOG.warn("[load-generator] {} events still without an outcome after {}", outstanding, spec.drainTimeout());
        return Math.max(0, outstanding);
    }

    private LoadProgress progress(long published, LedgerRecorder recorder, AtomicLong failed, Instant start) {
        return new LoadProgress(published, recorder.recorded(), recorder.buffered(), failed.get(), Duration.between(start, clock.instant()));
    }

    /** Waits; tests advance a fake clock instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
