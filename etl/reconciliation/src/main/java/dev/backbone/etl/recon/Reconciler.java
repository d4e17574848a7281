package dev.backbone.etl.recon;

import dev.backbone.index.IndexKeys;
import dev.backbone.loadgen.ledger.ExpectedState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Proves that the index, the shards and the log agree, and with {@code repair} makes them agree:
 * <ol>
 *   <li>{@link Check#LOG}: each shard row holds the fold's latest stored state, read from its changelogs ({@link ChangeLogCheck});
 *   <li>{@link Check#LEDGER}: every entity of a ledger of acknowledged events is in the shards ({@link LedgerCheck});
 *   <li>{@link Check#INDEX}: the Redis index is what the shard rows imply ({@link IndexCheck}).
 * </ol>
 * They run in that order, so the index is checked against rows the log check may just have repaired.
 * Every check compares by segment checksums or batched point reads, re-checks before it reports, and
 * repairs only in ways that are safe while the pipeline runs.
 *
 * <p>A run is recorded in the warehouse ({@code recon_run}) with its options, and works in units
 * ({@link ReconUnit}: a log pass, the ledger, an index family); each finished unit is recorded with
 * its discrepancies in one transaction ({@code recon_progress}, {@code recon_discrepancy}). A run that
 * was killed stays {@code RUNNING} and can be resumed: it skips the recorded units and ends with the
 * status and totals an uninterrupted run would have.
 *
 * <pre>{@code
 * ReconReport report = new Reconciler(settings, System.out::println).run(options);
 * StoredRun killed = reconciler.resumable(OptionalLong.empty());
 * ReconReport finished = reconciler.resume(killed, logSettings);
 * }</pre>
 */
public final class Reconciler {

    private final ReconSettings settings;
    private final ReconListener listener;
    private final Clock clock;

    /** @param progress receives a line per unit: what it found */
    public Reconciler(ReconSettings settings, Consumer<String> progress) {
        this(settings, ReconListener.lines(progress));
    }

    public Reconciler(ReconSettings settings, ReconListener listener) {
        this(settings, listener, Clock.systemUTC());
    }

    Reconciler(ReconSettings settings, ReconListener listener, Clock clock) {
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
    }

    /** Checks the index alone; with {@code repair}, fixes what differs. Records the run in the warehouse. */
    public ReconReport run(boolean repair) {
        return run(ReconOptions.indexOnly(repair));
    }

    /** Runs the checks of {@code options}; with {@code options.repair()}, fixes what differs. Records the run in the warehouse. */
    public ReconReport run(ReconOptions options) {
        Instant started = clock.instant();
        // Bad input fails before anything is recorded or read.
        ExpectedState ledgered = options.checks().contains(Check.LEDGER) ? LedgerCheck.fold(options.ledger()) : null;
        ReconRuns runs = new ReconRuns(settings);
        try (RunLease lease = runs.start(options, settings.indexKeyPrefix())) {
            return carryOut(runs, lease.runId(), options, List.of(), ledgered, started);
        }
    }

    /**
     * The run {@link #resume} would continue: {@code runId}, or with an empty id the newest unfinished
     * ({@code RUNNING}) run.
     *
     * @throws IllegalArgumentException naming {@code --resume} when there is none, it finished, it predates
     *                                  resumable runs, or another process is still working on it
     */
    public StoredRun resumable(OptionalLong runId) {
        ReconRuns runs = new ReconRuns(settings);
        StoredRun run = StoredRun.toResume(runId, runs.find(runId));
        if (runs.heldElsewhere(run.runId())) {
            throw new IllegalArgumentException((runId.isPresent() ? "--resume " + runId.getAsLong() : "--resume") + ": run "
                    + run.runId() + " is still being worked on by another process (it holds the run's lock in the warehouse);"
                    + " wait for it, or stop it first");
        }
        return run;
    }

    /**
     * Continues a run where it stopped, with the options it started with (the index key prefix
     * included): the units it recorded are skipped, the rest run, and the run ends with the status and
     * totals of all its units.
     *
     * @param log how to read the state changelogs now; its passes must be the run's ({@link StoredRun#passes()})
     */
    public ReconReport resume(StoredRun run, ChangeLogSettings log) {
        ReconOptions options = run.options(log);
        return new Reconciler(settings.withIndexKeyPrefix(run.indexKeyPrefix()), listener, clock).continueRun(run.runId(), options);
    }

    private ReconReport continueRun(long runId, ReconOptions options) {
        Instant started = clock.instant();
        ReconRuns runs = new ReconRuns(settings);
        try (RunLease lease = runs.claim(runId)) {
            List<UnitOutcome> recorded = new UnitRecords(runs).recorded(runId);
            boolean ledgerPending = ReconPlan.of(options).remaining(recorded.stream().map(UnitOutcome::unit).toList())
                    .contains(ReconUnit.ledger());
            ExpectedState ledgered = ledgerPending ? LedgerCheck.fold(options.ledger()) : null;
            return carryOut(runs, lease.runId(), options, recorded, ledgered, started);
        }
    }

    private ReconReport carryOut(ReconRuns runs, long runId, ReconOptions options, List<UnitOutcome> recorded, ExpectedState ledgered,
                                 Instant started) {
        UnitRecords records = new UnitRecords(runs);
        RunRecorder recorder = new RunRecorder(unit -> records.record(runId, unit), ReconPlan.of(options), recorded, listener, clock);
        // One thread per shard plus the task that waits for them: a smaller pool could deadlock.
        ExecutorService pool = Executors.newFixedThreadPool(settings.shardJdbcUrls().size() + 1);
        try {
            for (Check check : Check.values()) {
                if (options.checks().contains(check)) {
                    recorder.startCheck(check);
                    // A check whose units are all recorded opens no connection at all.
                    if (recorder.hasPending(check)) {
                        run(check, options, ledgered, pool, recorder);
                    }
                    recorder.finishCheck(check);
                }
            }
        } catch (RuntimeException e) {
            try {
                runs.finish(report(runId, options, recorder, started), "FAILED", e.getMessage());
            } catch (RuntimeException notRecorded) {
                e.addSuppressed(notRecorded);
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
        ReconReport report = report(runId, options, recorder, started);
        runs.finish(report, report.discrepancies().isEmpty() ? "CLEAN" : report.unrepaired() == 0 ? "REPAIRED" : "DRIFT", null);
        return report;
    }

    private ReconReport report(long runId, ReconOptions options, RunRecorder recorder, Instant started) {
        return ReconReport.of(runId, options.repair(), recorder.checkOutcomes(options.checks()), Duration.between(started, clock.instant()));
    }

    private void run(Check check, ReconOptions options, ExpectedState ledgered, ExecutorService pool, UnitSink units) {
        ShardFanOut fanOut = new ShardFanOut(settings.shardJdbcUrls(), settings.shardUser(), settings.shardPassword(), pool);
        if (check == Check.INDEX) {
            runIndex(options.repair(), fanOut, pool, units);
            return;
        }
        try (LogDerivedState log = LogDerivedState.open(options.log())) {
            LogRepairer repairer = options.repair() ? new LogRepairer(log, settings.shardJdbcUrls(), settings.shardUser(), settings.shardPassword()) : null;
            if (check == Check.LOG) {
                new ChangeLogCheck(log, new ShardRowSource(fanOut, options.idPrefix()), repairer, options, settings.shardJdbcUrls().size(),
                        listener::detail).run(units);
            } else {
                new LedgerCheck(settings, ledgered, log, repairer, options, listener::detail).run(units);
            }
        }
    }

    private void runIndex(boolean repair, ShardFanOut fanOut, ExecutorService pool, UnitSink units) {
        RedisClient client = RedisClient.create(settings.redisConnectionUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            IndexKeys keys = new IndexKeys(settings.indexKeyPrefix());
            new IndexCheck(new ShardIndexSource(fanOut), new RedisIndexSource(connection.sync(), keys, settings.redisTimeout()),
                    repair ? new IndexRepairer(connection.async(), keys, settings.redisTimeout()) : null, pool, listener::detail).run(units);
        } finally {
            client.shutdown();
        }
    }
}
