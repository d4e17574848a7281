package dev.backbone.etl.recon;

import java.util.function.Consumer;

/**
 * Hears a run's progress, for a progress bar or a log. Called on the run's thread, in order:
 * {@code checkStarted}, then {@code unitFinished} per unit done now (and {@code detail} lines in
 * between), then {@code checkFinished}. A unit is reported after it is recorded in the warehouse.
 */
public interface ReconListener {

    /**
     * A check starts, or resumes.
     *
     * @param units       the check's units in all
     * @param unitsDone   of them, those an earlier attempt of the run recorded (0 for a new run)
     * @param entriesDone entries those recorded units checked
     */
    void checkStarted(Check check, int units, int unitsDone, long entriesDone);

    /** A unit finished, and it and its discrepancies are recorded. */
    void unitFinished(UnitOutcome unit);

    /** The check's last unit finished (or all were done before). */
    void checkFinished(CheckOutcome outcome);

    /** A line saying what a unit found, e.g. "email 1,000 entries in shards, … 0 discrepancies (12 ms)". */
    void detail(String line);

    /** Only the detail lines, each to {@code lines}: what a run printed before the progress bar. */
    static ReconListener lines(Consumer<String> lines) {
        return new ReconListener() {
            @Override
            public void checkStarted(Check check, int units, int unitsDone, long entriesDone) {
            }

            @Override
            public void unitFinished(UnitOutcome unit) {
            }

            @Override
            public void checkFinished(CheckOutcome outcome) {
            }

            @Override
            public void detail(String line) {
                lines.accept(line);
            }
        };
    }
}
