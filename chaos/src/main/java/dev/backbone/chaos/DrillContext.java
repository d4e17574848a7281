package dev.backbone.chaos;

import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.chaos.timeline.Sampler;
import dev.backbone.chaos.timeline.Timeline;
import dev.backbone.chaos.probe.QueryProbe;
import dev.backbone.chaos.workload.Workload;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.process.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What a drill acts on and reports through while it runs. */
public final class DrillContext {

    private final LocalStack stack;
    private final BackboneApps apps;
    private final Workload workload;
    private final QueryProbe probe;
    private final Sampler sampler;
    private final Timeline timeline;
    private final DrillMode mode;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, String> figures = new LinkedHashMap<>();

    DrillContext(LocalStack stack, BackboneApps apps, Workload workload, QueryProbe probe, Sampler sampler, Timeline timeline,
            DrillMode mode) {
        this.stack = stack;
        this.apps = apps;
        this.workload = workload;
        this.probe = probe;
        this.sampler = sampler;
        this.timeline = timeline;
        this.mode = mode;
    }

    public LocalStack stack() {
        return stack;
    }

    public BackboneApps apps() {
        return apps;
    }

    public Workload workload() {
        return workload;
    }

    public QueryProbe probe() {
        return probe;
    }

    public Sampler sampler() {
        return sampler;
    }

    public Timeline timeline() {
        return timeline;
    }

    public DrillMode mode() {
        return mode;
    }

    /** Marks an event on the timeline. */
    public void mark(String text) {
        timeline.mark(text);
    }

    /** Records a figure for the report ("failover time" → "3.2 s"). */
    public void figure(String name, String value) {
        figures.put(name, value);
        timeline.mark(name + ": " + value);
    }

    /** Records a duration figure in seconds. */
    public void figure(String name, Duration value) {
        figure(name, String.format(Locale.ROOT, "%.1f s", value.toMillis() / 1000.0));
    }

    Map<String, String> figures() {
        return Map.copyOf(figures);
    }

    /** Holds the fault for the mode's hold time. */
    public void hold() throws InterruptedException {
        hold(mode.hold());
    }

    public void hold(Duration duration) throws InterruptedException {
        mark("holding " + duration.toSeconds() + " s");
        Thread.sleep(duration.toMillis());
    }

    /**
     * Waits until {@code condition} holds, polling every 200 ms; returns how long it took.
     *
     * @throws DrillFailedException naming {@code what} and the lag of every consumer group when
     *     {@code timeout} passes first
     */
    public Duration await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant start = Instant.now();
        boolean held = Await.until(condition, timeout, POLL);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for " + what);
        }
        if (!held) {
            throw new DrillFailedException(what + " did not happen within " + timeout.toSeconds() + " s (lag then: "
                    + sampler.lagBreakdown() + ")");
        }
        return Duration.between(start, Instant.now());
    }

}
