package dev.backbone.etl.recon;

import dev.backbone.index.IndexKeys;
import dev.backbone.loadgen.ledger.ExpectedState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Proves that the index, the shards and the log agree, and with {@code repair} makes them agree:
 * <ol>
 *   <li>{@link Check#LOG}: each shard row holds the latest state the change topics imply ({@link ChangeLogCheck});
 *   <li>{@link Check#LEDGER}: every entity of a ledger of acknowledged events is in the shards ({@link LedgerCheck});
 *   <li>{@link Check#INDEX}: the Redis index is what the shard rows imply ({@link IndexCheck}).
 * </ol>
 * They run in that order, so the index is checked against rows the log check may just have repaired.
 * Every check compares by segment checksums or batched point reads, re-checks before it reports, and
 * repairs only in ways that are safe while the pipeline runs. The run and every discrepancy go to the
 * warehouse ({@code recon_run}, {@code recon_discrepancy}).
 *
 * <pre>{@code
 * ReconReport report = new Reconciler(settings, System.out::println).run(options);
 * }</pre>
 */
public final class Reconciler {

    private final ReconSettings settings;
    private final Consumer<String> progress;

    public Reconciler(ReconSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Checks the index alone; with {@code repair}, fixes what differs. Records the run in the warehouse. */
    public ReconReport run(boolean repair) {
        return run(ReconOptions.indexOnly(repair));
    }

    /** Runs the checks of {@code options}; with {@code options.repair()}, fixes what differs. Records the run in the warehouse. */
    public ReconReport run(ReconOptions options) {
        Instant started = Instant.now();
        // Bad input fails before anything is recorded or read.
        ExpectedState ledgered = options.checks().contains(Check.LEDGER) ? LedgerCheck.fold(options.ledger()) : null;
        ReconRuns runs = new ReconRuns(settings);
        long runId = runs.start(options);
        // One thread per shard plus the task that waits for them: a smaller pool could deadlock.
        ExecutorService pool = Executors.newFixedThreadPool(settings.shardJdbcUrls().size() + 1);
        List<CheckOutcome> outcomes = new ArrayList<>();
        try {
            for (Check check : Check.values()) {
                if (options.checks().contains(check)) {
                    outcomes.add(run(check, options, ledgered, pool));
                }
            }
        } catch (RuntimeException e) {
            runs.finish(ReconReport.of(runId, options.repair(), outcomes, Duration.between(started, Instant.now())), "FAILED", e.getMessage());
            throw e;
        } finally {
            pool.shutdownNow();
        }
        ReconReport report = ReconReport.of(runId, options.repair(), outcomes, Duration.between(started, Instant.now()));
        runs.finish(report, report.discrepancies().isEmpty() ? "CLEAN" : report.unrepaired() == 0 ? "REPAIRED" : "DRIFT", null);
        return report;
    }

    private CheckOutcome run(Check check, ReconOptions options, ExpectedState ledgered, ExecutorService pool) {
        ShardFanOut fanOut = new ShardFanOut(settings.shardJdbcUrls(), settings.shardUser(), settings.shardPassword(), pool);
        if (check == Check.INDEX) {
            return runIndex(options.repair(), fanOut, pool);
        }
        try (LogDerivedState log = LogDerivedState.open(options.log())) {
            LogRepairer repairer = options.repair() ? new LogRepairer(log, settings.shardJdbcUrls(), settings.shardUser(), settings.shardPassword()) : null;
            return check == Check.LOG
                    ? new ChangeLogCheck(log, new ShardRowSource(fanOut, options.idPrefix()), repairer, options,
                            settings.shardJdbcUrls().size(), progress).run()
                    : new LedgerCheck(settings, ledgered, log, repairer, options, progress).run();
        }
    }

    private CheckOutcome runIndex(boolean repair, ShardFanOut fanOut, ExecutorService pool) {
        RedisClient client = RedisClient.create(settings.redisConnectionUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            IndexKeys keys = new IndexKeys(settings.indexKeyPrefix());
            return new IndexCheck(new ShardIndexSource(fanOut), new RedisIndexSource(connection.sync(), keys, settings.redisTimeout()),
                    repair ? new IndexRepairer(connection.async(), keys, settings.redisTimeout()) : null, pool, progress).run();
        } finally {
            client.shutdown();
        }
    }
}
