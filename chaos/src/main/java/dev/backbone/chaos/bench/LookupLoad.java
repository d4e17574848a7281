package dev.backbone.chaos.bench;

import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.chaos.apps.QueryAnswer;
import dev.backbone.loadgen.bench.Measurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one kind of look-up to a query service from {@code concurrency} client threads, each
 * waiting for its answer before the next request (closed loop), timing every answer and checking it.
 */
final class LookupLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final BackboneApps apps;
    private final QueryDataset data;
    private final int concurrency;

    /**
     * What one run of look-ups gave.
     *
     * @param measurement look-ups/s and latency percentiles (client side, HTTP included)
     * @param wrong answers that were not a 200 naming exactly what was asked for
     * @param otherPath answers taken another way than the one measured (e.g. an index look-up that fell back to scatter)
     */
    record Outcome(Measurement measurement, long wrong, long otherPath) {
    }

    LookupLoad(BackboneApps apps, QueryDataset data, int concurrency) {
        this.apps = apps;
        this.data = data;
        this.concurrency = concurrency;
    }

    /** {@code requests} look-ups of {@code kind} against the service on {@code port}, expected to be answered via {@code path}. */
    Outcome run(String name, int port, LookupKind kind, int requests, String path) throws InterruptedException {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicLong wrong = new AtomicLong();
        AtomicLong otherPath = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < concurrency; client++) {
                running.add(clients.submit(() -> {
                    for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                        LookupKind.Lookup lookup = kind.next(data, ThreadLocalRandom.current());
                        QueryAnswer answer = apps.query(port, lookup.pathAndQuery(), REQUEST_TIMEOUT);
                        latencies[n] = answer.latency().toNanos();
                        if (!kind.isCorrect(answer, lookup, data)) {
                            wrong.incrementAndGet();
                        } else if (kind.isLookup() && !path.equals(answer.path())) {
                            otherPath.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark client failed: " + e.getCause(), e.getCause());
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(Measurement.of(name, latencies, seconds), wrong.get(), otherPath.get());
    }
}
