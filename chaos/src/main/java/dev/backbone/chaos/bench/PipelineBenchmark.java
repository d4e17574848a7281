package dev.backbone.chaos.bench;

import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.chaos.timeline.ConsumerLag;
import dev.backbone.chaos.timeline.PipelineLag;
import dev.backbone.chaos.workload.Workload;
import dev.backbone.index.IndexKeys;
import dev.backbone.loadgen.LoadGenerator;
import dev.backbone.loadgen.bench.Measurement;
import dev.backbone.sdk.EventPublisher;
import dev.backbone.sdk.JournalConfig;
import dev.backbone.sdk.PublisherConfig;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.StackLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code ./backbone bench pipeline}: how fast events go from publish to shard rows and index
 * entries, next to the raw ceilings of the two sinks measured in the same run.
 *
 * <ol>
 *   <li>ceilings ({@link SinkCeilings}): batched upserts into one shard, pipelined index writes;
 *   <li>sustained throughput: with the Streams app stopped the load generator publishes
 *       {@code events}; throughput = events / time from the app's restart (ready; with the
 *       operator's {@code --app-jvm-option}s) until every consumer group (topology, shard sink,
 *       index sink) has caught up;
 *   <li>latency at half that rate: the load generator runs at 50 % while a {@link VisibilityProbe}
 *       times one e-mail change after another from publish to queryable (row and index entry).
 * </ol>
 *
 * The events are real workload (ledgered under {@code <runtime>/bench-pipeline/}) and stay in the
 * stack, like the demo's; the ceilings' rows and keys are scratch and removed.
 */
public final class PipelineBenchmark {

    private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_PAUSE = Duration.ofMillis(100);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final int CUSTOMERS = 2_000;
    /** The load generator's target while measuring sustained throughput: more than the SDK can publish. */
    private static final double FLAT_OUT = 1_000_000;

    private final LocalStack stack;
    private final BackboneApps apps;
    private final Consumer<String> out;

    /**
     * What to measure.
     *
     * @param events events published for the sustained phase
     * @param ceilingOrders orders (three versions each) written by each ceiling
     * @param latencyWindow how long the latency phase probes
     * @param appJvmOptions options for the Streams app's JVM when the sustained phase restarts it,
     *     after the stack's own ({@code -Dbackbone.streams.commit-interval=1s}, {@code -XX:TieredStopAtLevel=4})
     */
    public record Settings(long events, int ceilingOrders, Duration latencyWindow, List<String> appJvmOptions) {

        public Settings {
            appJvmOptions = List.copyOf(appJvmOptions);
            for (String option : appJvmOptions) {
                if (!option.startsWith("-")) {
                    throw new IllegalArgumentException("--app-jvm-option must be a JVM option starting with '-' (e.g. "
                            + "-Dbackbone.streams.commit-interval=1s) but was '" + option + "'");
                }
            }
            if (events < 1_000) {
                throw new IllegalArgumentException("--events must be >= 1000 but was " + events);
            }
            if (ceilingOrders < 1_000) {
                throw new IllegalArgumentException("--ceiling-orders must be >= 1000 but was " + ceilingOrders);
            }
            if (latencyWindow.compareTo(Duration.ofSeconds(5)) < 0) {
                throw new IllegalArgumentException("--latency-seconds must be >= 5 but was " + latencyWindow.toSeconds());
            }
        }
    }

    /**
     * The figures of one run.
     *
     * @param shardRowsPerSecond ceiling: upserted rows per second into one shard
     * @param indexChangesPerSecond ceiling: changes per second written to the index
     * @param sustainedEventsPerSecond a backlog of published events folded into rows and index entries
     * @param publishedPerSecond how fast the SDK published the backlog (for comparison)
     * @param latency produce-to-queryable latency at half the sustained rate
     * @param probeTimeouts probes not queryable within {@link #PROBE_TIMEOUT}
     */
    public record Result(double shardRowsPerSecond, double indexChangesPerSecond, double sustainedEventsPerSecond,
            double publishedPerSecond, Measurement latency, int probeTimeouts) {

        /** Sustained throughput over the slower ceiling; the target is at least 0.5. */
        public double ratio() {
            return sustainedEventsPerSecond / Math.min(shardRowsPerSecond, indexChangesPerSecond);
        }
    }

    public PipelineBenchmark(LocalStack stack, BackboneApps apps, Consumer<String> out) {
        this.stack = stack;
        this.apps = apps;
        this.out = out;
    }

    public Result run(Settings settings) throws Exception {
        StackLayout layout = stack.layout();
        var changes = SinkCeilings.orderChanges(settings.ceilingOrders());
        say("ceiling: upserting %,d order rows into shard 0 in batches of %d ...", settings.ceilingOrders() * 3L, SinkCeilings.SINK_BATCH);
        double shard = SinkCeilings.shardUpsertsPerSecond(layout.shardJdbcUrl(0), changes);
        say("ceiling: writing the index entries of the same %,d changes to Redis ...", settings.ceilingOrders() * 3L);
        double index = SinkCeilings.indexWritesPerSecond(layout.redisSentinelUri(), changes);

        if (!apps.isRunning(BackboneApps.streamsName(0))) {
            say("starting the Streams app ...");
            apps.startStreamsApp(0);
        }
        Path dir = layout.runtimeDir().resolve("bench-pipeline");
        String runId = "bench-" + Long.toString(System.currentTimeMillis() / 1000, 36);
        try (ConsumerLag lag = new ConsumerLag(layout.bootstrapServers());
                Workload workload = new Workload(layout.bootstrapServers(), dir, runId, CUSTOMERS)) {
            awaitCaughtUp(lag, QUIET_TIMEOUT, "the pipeline has a backlog from before the benchmark; let it drain "
                    + "(./backbone status) or start afresh (./backbone down --purge && ./backbone up)");
            Sustained sustained = sustained(workload, lag, settings);
            double halfRate = Math.max(1, sustained.eventsPerSecond() / 2);
            List<Long> latencies = new ArrayList<>();
            int timeouts = latency(workload, dir, runId, halfRate, settings.latencyWindow(), latencies);
            say("  pipeline lag at the end of the latency phase: %,d (growing lag means half the backlog rate was not sustainable "
                    + "with the publisher on the same machine)", lag.pipeline(apps.settings()).total());
            Measurement latency = Measurement.of("produce->queryable", latencies.stream().mapToLong(Long::longValue).toArray(),
                    settings.latencyWindow().toSeconds());
            Result result = new Result(shard, index, sustained.eventsPerSecond(), sustained.publishedPerSecond(), latency, timeouts);
            report(result, halfRate);
            return result;
        }
    }

    /**
     * Times the pipeline alone: with the Streams app stopped, {@code events} are published (untimed
     * for the pipeline; the SDK's rate is reported), then the app starts and the clock runs from
     * ready until every group caught up. Publishing while it runs would time the publisher: on a
     * busy 2-core machine the SDK was the slower of the two.
     */
    private Sustained sustained(Workload workload, ConsumerLag lag, Settings settings) throws Exception {
        long events = settings.events();
        List<String> appJvmOptions = settings.appJvmOptions();
        String app = BackboneApps.streamsName(0);
        say("sustained: stopping the Streams app and publishing a backlog of %,d events ...", events);
        apps.stop(app);
        long publishStart = System.nanoTime();
        workload.start("backlog", FLAT_OUT);
        long nextReport = publishStart;
        while (workload.progress().acknowledged() < events) {
            if (System.nanoTime() >= nextReport) {
                say("  published %,d", workload.progress().acknowledged());
                nextReport += Duration.ofSeconds(5).toNanos();
            }
            Thread.sleep(50);
        }
        workload.stop("backlog");
        double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
        long published = workload.progress().acknowledged();
        say("  published %,d in %.1f s; starting the Streams app%s ...", published, publishSeconds,
                appJvmOptions.isEmpty() ? "" : " with " + String.join(" ", appJvmOptions));
        long starting = System.nanoTime();
        // the stack's C1-only JIT: with C2 (-XX:TieredStopAtLevel=4) the app drained a 30,000-event backlog
        // at half the rate, its compiler competing for the two cores (docs/benchmarks.md, 2026-12-02)
        apps.startStreamsApp(0, appJvmOptions);
        long ready = System.nanoTime();
        say("  ready after %.1f s; timing until the topology and both sinks caught up ...", (ready - starting) / 1e9);
        awaitCaughtUp(lag, CATCH_UP_TIMEOUT, "the pipeline did not catch up; see the Streams app's log");
        double seconds = (System.nanoTime() - ready) / 1e9;
        say("  caught up %.1f s after ready", seconds);
        return new Sustained(published / seconds, published / publishSeconds);
    }

    /** The pipeline's drain rate of the backlog, and the rate the SDK published that backlog at. */
    private record Sustained(double eventsPerSecond, double publishedPerSecond) {
    }

    /** Probes latency while the workload runs at {@code rate}; adds latencies in nanoseconds, returns timeouts. */
    private int latency(Workload workload, Path dir, String runId, double rate, Duration window, List<Long> latencies)
            throws Exception {
        StackLayout layout = stack.layout();
        say("latency: %.0f events/s (half the sustained rate) for %d s, probing produce->queryable ...", rate, window.toSeconds());
        String probeCustomer = runId + "-probe";
        int shard = new ShardRouter(layout.shardCount()).shardFor(probeCustomer).index();
        PublisherConfig config = PublisherConfig.builder().bootstrapServers(layout.bootstrapServers()).clientId("bench-probe")
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(dir.resolve("probe-journal"))).build();
        int timeouts = 0;
        try (EventPublisher publisher = EventPublisher.builder(config).build();
                VisibilityProbe probe = new VisibilityProbe(publisher, probeCustomer, layout.shardJdbcUrl(shard),
                        layout.redisSentinelUri(), new IndexKeys(apps.settings().indexPrefix()))) {
            probe.register(PROBE_TIMEOUT);
            workload.start("half-load", rate);
            Thread.sleep(WARM_UP.toMillis());
            long end = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < end) {
                try {
                    latencies.add(probe.changeEmail(PROBE_TIMEOUT));
                } catch (TimeoutException e) {
                    timeouts++;
                    say("  %s", e.getMessage());
                }
                Thread.sleep(PROBE_PAUSE.toMillis());
            }
            workload.stop("half-load");
        }
        return timeouts;
    }

    /** Waits until all three groups are caught up; says their lag every {@link #PROGRESS_EVERY} meanwhile. */
    private void awaitCaughtUp(ConsumerLag lag, Duration timeout, String otherwise) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + PROGRESS_EVERY.toNanos();
        PipelineLag last;
        while ((last = lag.pipeline(apps.settings())).total() != 0) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("pipeline lag is " + last.breakdown() + " after " + timeout.toSeconds() + " s: "
                        + otherwise);
            }
            if (now >= nextReport) {
                say("  %3.0f s: lag %s", (now - start) / 1e9, last.breakdown());
                nextReport += PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(250);
        }
    }

    private void report(Result result, double halfRate) {
        say("");
        say("%-40s %14s", "measure", "per second");
        say("%-40s %,14.0f", "ceiling: shard upserts (rows)", result.shardRowsPerSecond());
        say("%-40s %,14.0f", "ceiling: index writes (changes)", result.indexChangesPerSecond());
        say("%-40s %,14.0f", "SDK publishing (events)", result.publishedPerSecond());
        say("%-40s %,14.0f", "pipeline sustained (events)", result.sustainedEventsPerSecond());
        say("");
        say("pipeline / slower ceiling: %.2f (target >= 0.5)", result.ratio());
        Measurement latency = result.latency();
        say("produce->queryable at %.0f events/s: %d probes, p50 %.0f ms, p99 %.0f ms, max %.0f ms, %d not queryable within %d s "
                        + "(target p99 < 1000 ms)", halfRate, latency.records(), latency.p50Millis(), latency.p99Millis(),
                latency.maxMillis(), result.probeTimeouts(), PROBE_TIMEOUT.toSeconds());
    }

    private void say(String format, Object... args) {
        out.accept(String.format(Locale.ROOT, format, args));
    }
}
