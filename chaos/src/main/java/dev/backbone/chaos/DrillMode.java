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
}
