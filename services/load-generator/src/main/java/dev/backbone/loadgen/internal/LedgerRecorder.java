package dev.backbone.loadgen.internal;

import dev.backbone.loadgen.ledger.LedgerEntry;
import dev.backbone.loadgen.ledger.LedgerWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves acknowledged events from publisher callbacks (SDK threads, which must not block) into the
 * ledger on its own thread, one fsync per batch of whatever arrived meanwhile (group commit). A
 * publish permit is released only once its event is durable in the ledger, so the events that
 * are acknowledged but not yet recorded stay bounded by the permits.
 */
public final class LedgerRecorder implements AutoCloseable {

    private final LedgerWriter writer;
    private final Semaphore permits;
    private final BlockingQueue<LedgerEntry> queue;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closing;

    /**
     * Starts the recorder thread.
     *
     * @param writer the ledger; closed by {@link #close()}
     * @param permits released once per recorded entry
     * @param capacity at least the number of permits, so {@link #acknowledged} never blocks
     */
    public LedgerRecorder(LedgerWriter writer, Semaphore permits, int capacity) {
        this.writer = writer;
        this.permits = permits;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "load-ledger");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an acknowledged event; called from publisher callbacks, never blocks. */
    public void acknowledged(LedgerEntry entry) {
        if (!queue.offer(entry)) {
            throw new IllegalStateException("ledger queue full: more acknowledgements than publish permits");
        }
    }

    /** Entries durable in the ledger. */
    public long recorded() {
        return recorded.get();
    }

    /** Of {@link #recorded()}, those acknowledged by the SDK journal. */
    public long buffered() {
        return buffered.get();
    }

    /** Throws when a ledger write failed: the run must not continue without its ledger. */
    public void checkHealthy() {
        IOException e = failure.get();
        if (e != null) {
            throw new UncheckedIOException("ledger " + writer.file() + " cannot be written", e);
        }
    }

    private void run() {
        List<LedgerEntry> batch = new ArrayList<>();
        try {
            while (!closing || !queue.isEmpty()) {
                LedgerEntry first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                for (LedgerEntry entry : batch) {
                    writer.append(entry);
                    if (entry.placement() instanceof LedgerEntry.Buffered) {
                        buffered.incrementAndGet();
                    }
                }
                writer.sync();
                recorded.addAndGet(batch.size());
                permits.release(batch.size());
                batch.clear();
            }
        } catch (IOException e) {
            failure.set(e);
            permits.release(Integer.MAX_VALUE / 2); // nobody waits for a ledger that cannot be written
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records whatever is queued, syncs and closes the ledger. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writer.close();
        }
        checkHealthy();
    }
}
