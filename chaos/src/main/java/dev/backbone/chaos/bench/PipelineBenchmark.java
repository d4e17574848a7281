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
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * {@code ./backbone bench pipeline}: how fast events go from publish to shard rows and index
 * entries, next to the raw ceilings of the two sinks measured in the same run.
 *
 * <ol>
 *   <li>ceilings ({@link SinkCeilings}): batched upserts into one shard, pipelined index writes;
 *   <li>sustained throughput: with the Streams app stopped the load generator publishes
 *       {@code warmupEvents + events}; the app restarts with production's JIT (C2, not the stack's
 *       C1-only {@link dev.backbone.stack.LocalJvm}) and the operator's {@code --app-jvm-option}s,
 *       folds the first {@code warmupEvents} untimed, and throughput = the events left for the
 *       topology then / time until every consumer group (topology, shard sink, index sink) has
 *       caught up;
 *   <li>latency at half that rate (or a given one): the load generator runs at 50 %, and once the
 *       pipeline is steady under it ({@link SteadyLag}) a {@link VisibilityProbe} times one e-mail
 *       change after another from publish to queryable (row and index entry), stage by stage.
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
    /** A probe slower than the target's p99 is shown with its stages and time, to match against the logs. */
    private static final Duration SLOW_PROBE = Duration.ofSeconds(1);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final int CUSTOMERS = 2_000;
    /**
     * The JIT production runs the app with (the JDK's default, C2 included), put before the
     * operator's options so that {@code -XX:TieredStopAtLevel=1} can still ask for the stack's C1.
     */
    private static final String PRODUCTION_JIT = "-XX:TieredStopAtLevel=4";
    /** The load generator's target while measuring sustained throughput: more than the SDK can publish. */
    private static final double FLAT_OUT = 1_000_000;

    private final LocalStack stack;
    private final BackboneApps apps;
    private final Consumer<String> out;

    /**
     * What to measure.
     *
     * @param events events the sustained phase times
     * @param warmupEvents events published before them and folded untimed: a freshly started JVM
     *     compiles (C2 took ~40 s of a 2-core machine) and opens its stores while it folds them
     * @param ceilingOrders orders (three versions each) written by each ceiling
     * @param latencyWindow how long the latency phase probes
     * @param appJvmOptions options for the Streams app's JVM when the sustained phase restarts it,
     *     after the stack's own and production's JIT ({@code -Dbackbone.streams.commit-interval=1s},
     *     {@code -XX:TieredStopAtLevel=1} for the stack's C1)
     * @param latencyRate events per second the load generator publishes while the latency phase
     *     probes; {@link #HALF_SUSTAINED} for half the sustained rate (the target's load)
     */
    public record Settings(long events, long warmupEvents, int ceilingOrders, Duration latencyWindow,
            List<String> appJvmOptions, double latencyRate) {

        /** {@code latencyRate}: half the rate the sustained phase measured. */
        public static final double HALF_SUSTAINED = 0;

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
            if (warmupEvents < 0) {
                throw new IllegalArgumentException("--warmup-events must be >= 0 but was " + warmupEvents);
            }
            if (ceilingOrders < 1_000) {
                throw new IllegalArgumentException("--ceiling-orders must be >= 1000 but was " + ceilingOrders);
            }
            if (!(latencyRate >= 0) || Double.isInfinite(latencyRate)) {
                throw new IllegalArgumentException("--latency-rate must be a number of events per second >= 0 (0: half the "
                        + "sustained rate) but was " + latencyRate);
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
        RedisHeadroom.check(layout.redisSentinelUri());
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
            awaitLag(lag, PipelineLag::total, 0, QUIET_TIMEOUT, "the pipeline has a backlog from before the benchmark; let "
                    + "it drain (./backbone status) or start afresh (./backbone down --purge && ./backbone up)");
            Sustained sustained = sustained(workload, lag, settings);
            double latencyRate = settings.latencyRate() == Settings.HALF_SUSTAINED ? Math.max(1, sustained.eventsPerSecond() / 2)
                    : settings.latencyRate();
            List<VisibilityProbe.Visibility> probes = new ArrayList<>();
            int timeouts = latency(workload, lag, dir, runId, latencyRate, settings.latencyWindow(), probes);
            say("  pipeline lag at the end of the latency phase: %,d (growing lag means this rate was not sustainable "
                    + "with the publisher on the same machine)", lag.pipeline(apps.settings()).total());
            reportStages(probes, settings.latencyWindow());
            Measurement latency = stage("produce->queryable", probes, VisibilityProbe.Visibility::queryable,
                    settings.latencyWindow());
            Result result = new Result(shard, index, sustained.eventsPerSecond(), sustained.publishedPerSecond(), latency, timeouts);
            report(result, latencyRate);
            return result;
        }
    }

    /**
     * Times the pipeline alone: with the Streams app stopped, the warm-up and the timed events are
     * published (untimed for the pipeline; the SDK's rate is reported), then the app starts, folds
     * the warm-up, and the clock runs from there until every group caught up. Publishing while it
     * runs would time the publisher: on a busy 2-core machine the SDK was the slower of the two.
     */
    private Sustained sustained(Workload workload, ConsumerLag lag, Settings settings) throws Exception {
        long events = settings.warmupEvents() + settings.events();
        List<String> appJvmOptions = new ArrayList<>(List.of(PRODUCTION_JIT));
        appJvmOptions.addAll(settings.appJvmOptions());
        String app = BackboneApps.streamsName(0);
        say("sustained: stopping the Streams app and publishing a backlog of %,d events (%,d to warm up, %,d timed) ...",
                events, settings.warmupEvents(), settings.events());
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
        say("  published %,d in %.1f s; starting the Streams app with %s ...", published, publishSeconds,
                String.join(" ", appJvmOptions));
        long starting = System.nanoTime();
        apps.startStreamsApp(0, appJvmOptions);
        long ready = System.nanoTime();
        say("  ready after %.1f s; folding the first %,d events untimed ...", (ready - starting) / 1e9, settings.warmupEvents());
        // the timed events: what the topology has left once the warm-up is folded (the acknowledged
        // backlog can exceed warm-up + timed by the last in-flight batch)
        long timed = awaitLag(lag, PipelineLag::streams, published - settings.warmupEvents(), CATCH_UP_TIMEOUT,
                "the topology did not fold the warm-up; see the Streams app's log").streams();
        long clock = System.nanoTime();
        Optional<StackCpu.Sample> cpuBefore = StackCpu.take(stack.processes());
        say("  warm after %.1f s; timing %,d events until the topology and both sinks caught up ...", (clock - ready) / 1e9,
                timed);
        awaitLag(lag, PipelineLag::total, 0, CATCH_UP_TIMEOUT, "the pipeline did not catch up; see the Streams app's log");
        double seconds = (System.nanoTime() - clock) / 1e9;
        Optional<StackCpu.Sample> cpuAfter = StackCpu.take(stack.processes());
        say("  caught up %.1f s after warm", seconds);
        if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
            StackCpu.report(cpuBefore.get(), cpuAfter.get(), timed).forEach(line -> say("%s", line));
        }
        return new Sustained(timed / seconds, published / publishSeconds);
    }

    /** The pipeline's drain rate of the backlog, and the rate the SDK published that backlog at. */
    private record Sustained(double eventsPerSecond, double publishedPerSecond) {
    }

    /** Probes latency while the workload runs at {@code rate}; adds each probe's stages, returns timeouts. */
    private int latency(Workload workload, ConsumerLag lag, Path dir, String runId, double rate, Duration window,
            List<VisibilityProbe.Visibility> probes)
            throws Exception {
        StackLayout layout = stack.layout();
        say("latency: %.0f events/s for %d s, probing produce->queryable ...", rate, window.toSeconds());
        String probeCustomer = runId + "-probe";
        int shard = new ShardRouter(layout.shardCount()).shardFor(probeCustomer).index();
        PublisherConfig config = PublisherConfig.builder().bootstrapServers(layout.bootstrapServers()).clientId("bench-probe")
                .source(LoadGenerator.SOURCE).journal(JournalConfig.defaults(dir.resolve("probe-journal"))).build();
        int timeouts = 0;
        try (EventPublisher publisher = EventPublisher.builder(config).build();
                VisibilityProbe probe = new VisibilityProbe(publisher, layout.bootstrapServers(), probeCustomer, layout.shardJdbcUrl(shard),
                        layout.redisSentinelUri(), new IndexKeys(apps.settings().indexPrefix()))) {
            probe.register(PROBE_TIMEOUT);
            workload.start("latency-load", rate);
            Thread.sleep(WARM_UP.toMillis());
            settle(lag, rate);
            long end = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < end) {
                try {
                    VisibilityProbe.Visibility visibility = probe.changeEmail(PROBE_TIMEOUT);
                    probes.add(visibility);
                    if (visibility.queryable() > SLOW_PROBE.toNanos()) {
                        say("  slow probe, %s", visibility.describe());
                    }
                } catch (TimeoutException e) {
                    timeouts++;
                    say("  %s", e.getMessage());
                }
                Thread.sleep(PROBE_PAUSE.toMillis());
            }
            workload.stop("latency-load");
        }
        return timeouts;
    }

    /**
     * Waits until the pipeline is steady under the latency phase's load ({@link SteadyLag}), at most
     * {@link #SETTLE_TIMEOUT}; says how long it took, or that it never was (then the probes measure a
     * pipeline that does not keep up, and the report says so).
     */
    private void settle(ConsumerLag lag, double rate) throws InterruptedException {
        SteadyLag steady = new SteadyLag(rate);
        say("  waiting until the pipeline's lag has stayed within %,d events (%d s of the load) for %d s ...",
                steady.budgetEvents(), SteadyLag.BUDGET.toSeconds(), SteadyLag.HOLD.toSeconds());
        LagWatch watch = watchLag(lag, last -> steady.sample(System.nanoTime(), last.total()), SETTLE_TIMEOUT);
        if (watch.met()) {
            say("  steady after %.1f s (lag %s); probing", watch.seconds(), watch.last().breakdown());
        } else {
            say("  NOT steady after %d s (lag %s): the pipeline does not keep up with this load here; probing anyway",
                    SETTLE_TIMEOUT.toSeconds(), watch.last().breakdown());
        }
    }

    /**
     * Where the latency went: each stage's p50 and p99 from the publish call, over the probes that saw
     * it; then each sink's part alone, from the change's commit (the fold's jitter left out).
     */
    private void reportStages(List<VisibilityProbe.Visibility> probes, Duration window) {
        say("  stages from the publish call, then the sinks' parts from the commit (probes that saw the stage):");
        for (Measurement stage : List.of(
                stage("    publish acknowledged", probes, VisibilityProbe.Visibility::acknowledged, window),
                stage("    change sent by the fold", probes, VisibilityProbe.Visibility::written, window),
                stage("    change committed", probes, VisibilityProbe.Visibility::committed, window),
                stage("    row in its shard", probes, VisibilityProbe.Visibility::row, window),
                stage("    index entry", probes, VisibilityProbe.Visibility::index, window),
                stage("    row after the commit", probes, VisibilityProbe.Visibility::rowAfterCommit, window),
                stage("    entry after the commit", probes, VisibilityProbe.Visibility::indexAfterCommit, window))) {
            say("%-30s %3d: p50 %,6.0f ms, p99 %,6.0f ms, max %,6.0f ms", stage.name(), stage.records(), stage.p50Millis(),
                    stage.p99Millis(), stage.maxMillis());
        }
    }

    /** One stage's latencies over the probes that saw it. */
    static Measurement stage(String name, List<VisibilityProbe.Visibility> probes,
            ToLongFunction<VisibilityProbe.Visibility> nanos, Duration window) {
        return Measurement.of(name, probes.stream().mapToLong(nanos).filter(n -> n != VisibilityProbe.NOT_YET).toArray(),
                window.toSeconds());
    }

    /**
     * Waits until {@code measure} of the three groups' lag is known and at most {@code target}; says
     * their lag every {@link #PROGRESS_EVERY} meanwhile.
     *
     * @return the lag that met the target
     */
    private PipelineLag awaitLag(ConsumerLag lag, ToLongFunction<PipelineLag> measure, long target, Duration timeout,
            String otherwise) throws InterruptedException {
        LagWatch watch = watchLag(lag, last -> reached(measure.applyAsLong(last), target), timeout);
        if (!watch.met()) {
            throw new IllegalStateException("pipeline lag is " + watch.last().breakdown() + " after " + timeout.toSeconds() + " s: "
                    + otherwise);
        }
        return watch.last();
    }

    /** How a {@link #watchLag} ended: the last lag read, whether it met the condition, after how long. */
    private record LagWatch(PipelineLag last, boolean met, double seconds) {
    }

    /**
     * Reads the three groups' lag every 250 ms until {@code condition} accepts it or {@code timeout}
     * has passed, saying the lag every {@link #PROGRESS_EVERY} meanwhile.
     */
    private LagWatch watchLag(ConsumerLag lag, Predicate<PipelineLag> condition, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + PROGRESS_EVERY.toNanos();
        while (true) {
            PipelineLag last = lag.pipeline(apps.settings());
            boolean met = condition.test(last); // once per reading: a condition may count readings (SteadyLag)
            long now = System.nanoTime();
            if (met || now > deadline) {
                return new LagWatch(last, met, (now - start) / 1e9);
            }
            if (now >= nextReport) {
                say("  %3.0f s: lag %s", (now - start) / 1e9, last.breakdown());
                nextReport += PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(250);
        }
    }

    private static boolean reached(long lag, long target) {
        return lag != ConsumerLag.UNKNOWN && lag <= target;
    }

    private void report(Result result, double latencyRate) {
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
                        + "(target p99 < 1000 ms at half the sustained rate)", latencyRate, latency.records(), latency.p50Millis(), latency.p99Millis(),
                latency.maxMillis(), result.probeTimeouts(), PROBE_TIMEOUT.toSeconds());
    }

    private void say(String format, Object... args) {
        out.accept(String.format(Locale.ROOT, format, args));
    }
}
