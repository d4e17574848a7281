package dev.backbone.chaos.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What happened during a drill, in time: the per-second rows the sampler adds, the drill's phases
 * and its marked events ("kafka-0 killed", "standby promoted"), each echoed to the operator.
 */
public final class Timeline {

    /** A marked event. */
    public record Mark(Duration at, String phase, String text) {
    }

    private final Instant start;
    private final Consumer<String> echo;
    private final List<TimelineRow> rows = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private volatile String phase = "steady";

    public Timeline(Instant start, Consumer<String> echo) {
        this.start = start;
        this.echo = echo;
    }

    public Instant start() {
        return start;
    }

    public Duration elapsed() {
        return Duration.between(start, Instant.now());
    }

    public String phase() {
        return phase;
    }

    /** Enters a new phase and marks it. */
    public void phase(String name) {
        phase = name;
        mark("phase " + name);
    }

    /** Marks an event now and tells the operator. */
    public synchronized void mark(String text) {
        Duration at = elapsed();
        marks.add(new Mark(at, phase, text));
        echo.accept(String.format("[%6.1fs] %-8s %s", at.toMillis() / 1000.0, phase, text));
    }

    synchronized void add(TimelineRow row) {
        rows.add(row);
    }

    public synchronized List<TimelineRow> rows() {
        return List.copyOf(rows);
    }

    public synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }
}
