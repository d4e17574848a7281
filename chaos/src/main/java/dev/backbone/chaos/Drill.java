package dev.backbone.chaos;

/**
 * One failure scenario. The {@link DrillRunner} does what every drill shares (workload with a
 * ledger, probe, timeline, convergence, verification, report); a drill only injects its fault,
 * holds it, heals it and records its own figures through the {@link DrillContext}.
 */
public interface Drill {

    /** The name operators type: {@code ./backbone chaos <name>}. */
    String name();

    /** The behaviour the seeds expect, in one or two sentences: the report's yardstick. */
    String expectation();

    /**
     * Injects the fault, holds it for {@link DrillMode#hold()}, heals. Returns once the system is
     * healed (convergence and verification follow). Timeline marks say what happened when.
     */
    void run(DrillContext context) throws Exception;
}
