package dev.backbone.etl.recon;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A run as {@code recon_run} holds it: its state and the options it started with, which a resumed run
 * keeps ({@code ./backbone reconcile --resume}).
 *
 * @param status         {@code RUNNING} until it finishes; a run killed mid-way stays {@code RUNNING}
 * @param finishedAt     null while running
 * @param passes         the log check's passes ({@link ChangeLogSettings#DEFAULT_PASSES} when the run read no log)
 * @param ledger         the ledger check's file, or null
 * @param indexKeyPrefix the index's key prefix the run compared; null for runs recorded before runs could be resumed
 * @param resumes        how often the run was resumed so far
 * @param unitsDone      units recorded in {@code recon_progress}
 */
public record StoredRun(long runId, String status, Instant startedAt, Instant finishedAt, Set<Check> checks, boolean repair,
                        String idPrefix, int passes, Path ledger, String indexKeyPrefix, int resumes, int unitsDone) {

    public StoredRun {
        checks = Set.copyOf(checks);
        idPrefix = idPrefix == null ? "" : idPrefix;
    }

    /**
     * The run {@code --resume} continues, or why none.
     *
     * @param requested the run id given with {@code --resume}, or empty for the newest unfinished run
     * @param found     that run, or the newest {@code RUNNING} run; empty when there is none
     * @throws IllegalArgumentException naming {@code --resume} when there is nothing to resume
     */
    public static StoredRun toResume(OptionalLong requested, Optional<StoredRun> found) {
        String flag = requested.isPresent() ? "--resume " + requested.getAsLong() : "--resume";
        if (found.isEmpty()) {
            throw new IllegalArgumentException(requested.isPresent()
                    ? flag + ": there is no run " + requested.getAsLong() + " in recon_run"
                    : flag + ": no unfinished run in recon_run (a run killed mid-way stays RUNNING); start a new run without --resume");
        }
        StoredRun run = found.get();
        if (!run.status().equals("RUNNING")) {
            throw new IllegalArgumentException(flag + ": run " + run.runId() + " is finished (" + run.status() + " at " + run.finishedAt()
                    + "); only a RUNNING run can be resumed: start a new run without --resume");
        }
        if (run.indexKeyPrefix() == null) {
            throw new IllegalArgumentException(flag + ": run " + run.runId() + " was recorded before runs could be resumed (its options"
                    + " are not stored); start a new run without --resume");
        }
        return run;
    }

    /** The units the run's options call for in all. */
    public int unitsTotal() {
        return ReconPlan.of(checks, passes).units().size();
    }

    /**
     * The run's options, reading the state changelogs with {@code log} (its passes must be this run's).
     *
     * @throws IllegalArgumentException when the run can no longer run as it started, e.g. its ledger file is gone
     */
    public ReconOptions options(ChangeLogSettings log) {
        boolean readsLog = checks.contains(Check.LOG) || checks.contains(Check.LEDGER);
        if (readsLog && log != null && log.passes() != passes) {
            throw new IllegalArgumentException("run " + runId + " compares the log in " + passes + " passes; resume it with the same"
                    + " passes, not " + log.passes());
        }
        try {
            return new ReconOptions(checks, repair, readsLog ? log : null, ledger, idPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("run " + runId + " cannot be resumed as it started: " + e.getMessage(), e);
        }
    }

    /** The options, as a line: "dry run, checks log,index, customer ids 'x…', 4 passes, index prefix backbone:idx:". */
    public String describe() {
        String list = String.join(",", Arrays.stream(Check.values()).filter(checks::contains).map(Check::label).toList());
        return (repair ? "repair" : "dry run") + ", checks " + list
                + (idPrefix.isEmpty() ? "" : ", customer ids '" + idPrefix + "…'")
                + (checks.contains(Check.LOG) ? ", " + passes + " passes" : "")
                + (ledger == null ? "" : ", ledger " + ledger)
                + (checks.contains(Check.INDEX) ? ", index prefix " + indexKeyPrefix : "");
    }
}
