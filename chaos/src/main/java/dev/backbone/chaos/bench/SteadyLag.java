package dev.backbone.chaos.bench;

import java.time.Duration;

/**
 * Decides when a pipeline under constant load is steady: its lag, summed over the topology's and
 * both sinks' groups, has stayed within what the load publishes in {@link #BUDGET} for {@link #HOLD}
 * of samples in a row. The latency phase probes only from then on, so that its percentiles describe
 * the load, not the catch-up after the sustained phase's burst (the first probes after it took
 * 5–8 s and fell by a second or two each; the brokers' log cleaner and the app's RocksDB compactions
 * work off such a burst).
 */
final class SteadyLag {

    /**
     * Lag worth this long of the load is steady: twice the latency target, because the sum counts an
     * event up to three times (not yet folded; its change not yet in the shard, not yet in the index).
     */
    static final Duration BUDGET = Duration.ofSeconds(2);
    /** How long the lag must stay within the budget. */
    static final Duration HOLD = Duration.ofSeconds(5);
    /** The smallest budget in events: at low rates a commit interval's records are in flight anyway. */
    private static final long MIN_BUDGET_EVENTS = 500;

    private final long budgetEvents;
    private long withinSinceNanos = -1;

    /** @param eventsPerSecond the load's rate */
    SteadyLag(double eventsPerSecond) {
        this.budgetEvents = Math.max(MIN_BUDGET_EVENTS, Math.round(eventsPerSecond * BUDGET.toMillis() / 1000.0));
    }

    /** The lag that still counts as steady. */
    long budgetEvents() {
        return budgetEvents;
    }

    /**
     * Takes one sample.
     *
     * @param nanos when it was taken ({@link System#nanoTime()})
     * @param lag the pipeline's total lag, negative when unknown (counts as not within)
     * @return {@code true} once the lag has been within the budget for {@link #HOLD}
     */
    boolean sample(long nanos, long lag) {
        if (lag < 0 || lag > budgetEvents) {
            withinSinceNanos = -1;
            return false;
        }
        if (withinSinceNanos < 0) {
            withinSinceNanos = nanos;
        }
        return nanos - withinSinceNanos >= HOLD.toNanos();
    }
}
