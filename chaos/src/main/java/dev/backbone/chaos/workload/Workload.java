package dev.backbone.chaos.workload;

import dev.backbone.loadgen.LoadProgress;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.loadgen.ledger.LedgerFold;
import dev.backbone.loadgen.ledger.LedgerTail;
import dev.backbone.stack.process.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drill's workload: one or more ledgered load streams (the base load, a burst on top) through
 * the real SDK. Each stream has its own id prefix, so their ledgers fold independently and together
 * describe everything that was acknowledged.
 */
public final class Workload implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

    private final String bootstrapServers;
    private final Path dir;
    private final String runId;
    private final int customers;
    private final Map<String, LoadStream> streams = new ConcurrentHashMap<>();
    private final Map<String, LedgerTail> tails = new ConcurrentHashMap<>();
    private final List<LedgerEntry> entries = new ArrayList<>();

    /**
     * @param runId lower-case letters, digits and '-': prefixes every customer, order and payment id
     */
    public Workload(String bootstrapServers, Path dir, String runId, int customers) {
        this.bootstrapServers = bootstrapServers;
        this.dir = dir;
        this.runId = runId;
        this.customers = customers;
    }

    /** Starts a stream {@code name} at {@code rate} events/s, running until {@link #stop(String)}. */
    public void start(String name, double rate) {
        if (streams.containsKey(name)) {
            throw new IllegalStateException("load stream " + name + " already runs");
        }
        LoadStream stream = new LoadStream(name, bootstrapServers, dir.resolve(name), runId + "-" + name, customers, rate);
        streams.put(name, stream);
        tails.put(name, new LedgerTail(stream.ledger()));
        stream.start();
    }

    /** Stops one stream; its ledger then holds every acknowledged event of it. */
    public void stop(String name) throws InterruptedException {
        LoadStream stream = streams.get(name);
        if (stream != null) {
            stream.stop(STOP_TIMEOUT);
        }
    }

    /** Stops every stream. */
    public void stopAll() throws InterruptedException {
        for (String name : List.copyOf(streams.keySet())) {
            stop(name);
        }
    }

    /** Sum of every stream's progress (elapsed = the longest). */
    public LoadProgress progress() {
        long published = 0;
        long acknowledged = 0;
        long buffered = 0;
        long failed = 0;
        Duration elapsed = Duration.ZERO;
        for (LoadStream stream : streams.values()) {
            LoadProgress p = stream.progress();
            published += p.published();
            acknowledged += p.acknowledged();
            buffered += p.buffered();
            failed += p.failed();
            elapsed = p.elapsed().compareTo(elapsed) > 0 ? p.elapsed() : elapsed;
        }
        return new LoadProgress(published, acknowledged, buffered, failed, elapsed);
    }

    /** Events waiting in the SDK journals for Kafka right now. */
    public long journaled() {
        return streams.values().stream().mapToLong(LoadStream::buffered).sum();
    }

    /** Waits until every journal is empty (the drainers re-published all of it). */
    public boolean awaitJournalsDrained(Duration timeout) {
        return Await.until(() -> journaled() == 0, timeout, Duration.ofMillis(500));
    }

    /** Failures of the stream threads themselves (not failed publishes): a broken workload. */
    public List<String> streamFailures() {
        List<String> failures = new ArrayList<>();
        streams.values().forEach(s -> s.failure().ifPresent(e -> failures.add(s.name() + ": " + e)));
        return failures;
    }

    /** Events still without an outcome when their stream stopped (they may be in Kafka unledgered). */
    public long unconfirmed() {
        return streams.values().stream().mapToLong(s -> s.summary().map(x -> x.unconfirmed()).orElse(0L)).sum();
    }

    /** Id prefixes of the streams started, one per ledger. */
    public List<String> idPrefixes() {
        return streams.values().stream().map(LoadStream::idPrefix).sorted().toList();
    }

    /**
     * Every ledger entry recorded so far, in the order this workload read them (a line still being
     * written is not yet included). Reads only what the ledgers gained since the last call.
     */
    public synchronized List<LedgerEntry> ledgerEntries() {
        for (Map.Entry<String, LedgerTail> tail : tails.entrySet()) {
            try {
                entries.addAll(tail.getValue().poll());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ledger of load stream " + tail.getKey(), e);
            }
        }
        return List.copyOf(entries);
    }

    /** What the shards must show for every ledgered event of every stream. */
    public ExpectedState expectedState() {
        return LedgerFold.fold(ledgerEntries());
    }

    @Override
    public void close() {
        streams.values().forEach(LoadStream::close);
    }
}
