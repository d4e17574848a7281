package dev.backbone.chaos;

import java.time.Duration;

/**
 * How long and how loud a drill runs. {@link #SHORT} is what the test suite runs (every drill
 * together well under ten minutes); {@link #FULL} is the operator's drill: at least
 * {@code minimumEvents} ledgered events and the seeds' fault durations.
 *
 * @param rate base events per second of the workload
 * @param customers customers of the workload
 * @param steady load before the fault
 * @param hold how long a fault lasts
 * @param tail load after healing, before the workload stops
 * @param minimumEvents the workload keeps running after the tail until this many events are ledgered
 * @param convergeTimeout how long convergence may take after the workload stopped
 * @param timeEveryRecovery whether drills wait for and time slow secondary recoveries (a restarted
 *     broker back in every ISR) before moving on; short mode leaves them to the convergence phase
 */
public record DrillMode(String name, double rate, int customers, Duration steady, Duration hold, Duration tail, long minimumEvents,
        Duration convergeTimeout, boolean timeEveryRecovery) {

    public static final DrillMode SHORT = new DrillMode("short", 60, 100, Duration.ofSeconds(4), Duration.ofSeconds(6),
            Duration.ofSeconds(1), 0, Duration.ofSeconds(180), false);
    public static final DrillMode FULL = new DrillMode("full", 1_500, 2_000, Duration.ofSeconds(20), Duration.ofSeconds(60),
            Duration.ofSeconds(10), 100_000, Duration.ofMinutes(10), true);

    public static DrillMode of(boolean shortMode) {
        return shortMode ? SHORT : FULL;
    }

    /**
     * This mode at another base rate: full mode at 1,500 events/s outruns the pipeline of a small
     * machine (about 600 events/s on 2 cores), and drills that wait for catch-up can then never pass.
     */
    public DrillMode withRate(double eventsPerSecond) {
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be > 0 events/s but was " + eventsPerSecond);
        }
        return new DrillMode(name, eventsPerSecond, customers, steady, hold, tail, minimumEvents, convergeTimeout, timeEveryRecovery);
    }
}
