package dev.backbone.chaos.timeline;

import dev.backbone.chaos.apps.AppsSettings;
import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.chaos.probe.QueryProbe;
import dev.backbone.chaos.workload.Workload;
import dev.backbone.loadgen.LoadProgress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds a {@link TimelineRow} to the timeline every second: workload rates and journal depth, the
 * three consumer groups' lag, and the probe's answers of that second. Also keeps the peaks the
 * report names.
 */
public final class Sampler implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(1);

    private final Timeline timeline;
    private final Workload workload;
    private final QueryProbe probe;
    private final ConsumerLag lag;
    private final AppsSettings apps;
    private final Thread thread;
    private final AtomicLong peakLag = new AtomicLong();
    private final AtomicLong peakJournaled = new AtomicLong();
    private volatile boolean running = true;
    private volatile PipelineLag lastLag = PipelineLag.UNKNOWN;

    public Sampler(Timeline timeline, Workload workload, QueryProbe probe, String bootstrapServers, AppsSettings apps) {
        this.timeline = timeline;
        this.workload = workload;
        this.probe = probe;
        this.lag = new ConsumerLag(bootstrapServers);
        this.apps = apps;
        this.thread = new Thread(this::run, "chaos-sampler");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        LoadProgress before = workload.progress();
        int probeSeen = 0;
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = System.nanoTime();
            double seconds = (now - last) / 1e9;
            last = now;
            LoadProgress after = workload.progress();
            List<ProbeResult> fresh = probe.resultsAfter(probeSeen);
            probeSeen += fresh.size();
            PipelineLag sampled = lag.pipeline(apps);
            lastLag = sampled;
            long journaled = workload.journaled();
            peakLag.accumulateAndGet(sampled.toShards(), Math::max);
            peakJournaled.accumulateAndGet(journaled, Math::max);
            timeline.add(new TimelineRow(timeline.elapsed().toSeconds(), timeline.phase(),
                    (after.published() - before.published()) / seconds, (after.acknowledged() - before.acknowledged()) / seconds,
                    (after.failed() - before.failed()) / seconds, journaled, sampled.streams(), sampled.shardSink(), sampled.indexSink(),
                    perSecond(count(fresh, ProbeResult.Outcome.OK) + count(fresh, ProbeResult.Outcome.NOT_FOUND), seconds),
                    perSecond(count(fresh, ProbeResult.Outcome.UNAVAILABLE), seconds),
                    perSecond(count(fresh, ProbeResult.Outcome.WRONG) + count(fresh, ProbeResult.Outcome.ERROR), seconds),
                    perSecond(path(fresh, "index"), seconds), perSecond(path(fresh, "scatter"), seconds),
                    perSecond(path(fresh, "shard"), seconds), LatencyStats.p99Millis(fresh)));
            before = after;
        }
    }

    /** A sample can take longer than a second (lag reads time out while Kafka is down): rows hold rates. */
    private static long perSecond(long count, double seconds) {
        return Math.round(count / Math.max(1.0, seconds));
    }

    private static long count(List<ProbeResult> results, ProbeResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static long path(List<ProbeResult> results, String path) {
        return results.stream().filter(r -> path.equals(r.path())).count();
    }

    /** The lag of the last sample: Streams topology + shard sink + index sink, or -1 if any is unknown. */
    public long currentLag() {
        return lastLag.total();
    }

    /** Whether the last sampled lag is known and at most {@code threshold} (the drills' "caught up"). */
    public boolean lagAtMost(long threshold) {
        return lastLag.atMost(threshold);
    }

    /** The last lag sampled per consumer group, for failure messages: {@code streams 12, shard sink 0, index sink 3}. */
    public String lagBreakdown() {
        return lastLag.breakdown();
    }

    /** Highest Streams + shard sink lag sampled. */
    public long peakLag() {
        return peakLag.get();
    }

    /** Most events waiting in the SDK journals at one sample. */
    public long peakJournaled() {
        return peakJournaled.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lag.close();
    }
}
