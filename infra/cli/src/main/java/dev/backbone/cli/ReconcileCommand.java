package dev.backbone.cli;

import dev.backbone.chaos.verify.Verifier;
import dev.backbone.etl.recon.ChangeLogSettings;
import dev.backbone.etl.recon.Check;
import dev.backbone.etl.recon.CheckOutcome;
import dev.backbone.etl.recon.Discrepancy;
import dev.backbone.etl.recon.ReconOptions;
import dev.backbone.etl.recon.ReconReport;
import dev.backbone.etl.recon.ReconSettings;
import dev.backbone.etl.recon.Reconciler;
import dev.backbone.etl.recon.StoredRun;
import dev.backbone.index.IndexKeys;
import dev.backbone.stack.StackLayout;
import dev.backbone.topology.app.KafkaSecurity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "reconcile", description = "Prove that the shard rows hold the fold's latest stored state (log; the Streams app's "
        + "state changelogs), that every event of a "
        + "ledger reached the shards (ledger, with --ledger) and that the Redis index equals the shard rows (index); report only "
        + "(--dry-run, the default) or fix what differs (--repair). Exit 1 while unrepaired drift remains. Acts on the local stack, or in "
        + "cluster mode on the shards, warehouse, Redis and Kafka named by backbone.* keys. A killed run is continued with --resume. "
        + "See docs/reconciliation.md.")
final class ReconcileCommand implements Callable<Integer> {

    private static final int SHOWN = 20;
    private static final String NEWEST = "newest";
    /** The options a run is stored with: a resumed run keeps its own, so none may be given with --resume. */
    private static final List<String> RUN_OPTIONS = List.of("--repair", "--dry-run", "--checks", "--ledger", "--id-prefix", "--passes",
            "--key-prefix");

    @Mixin
    StackOptions options;

    @Option(names = "--repair", description = "Fix what differs: rows from the stored state through the sink's version-guarded "
            + "writer, index entries by compare-and-set; both safe while the pipeline runs.")
    boolean repair;

    @Option(names = "--dry-run", description = "Report only (the default).")
    boolean dryRun;

    @Option(names = "--checks", paramLabel = "LIST", defaultValue = "log,index",
            description = "Comma-separated checks: log, ledger, index (default ${DEFAULT-VALUE}; --ledger adds ledger).")
    String checks;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "A ledger of acknowledged events (./backbone load or a drill writes one): check every event reached the shards.")
    Path ledger;

    @Option(names = "--id-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Log and ledger checks: only customers whose id starts with PREFIX (default: all).")
    String idPrefix;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "" + ChangeLogSettings.DEFAULT_PASSES,
            description = "Log check: slices of the key space compared one after the other; each re-reads the state changelogs and "
                    + "holds 1/N of the entities in memory (default ${DEFAULT-VALUE}).")
    int passes;

    // No picocli default: in cluster mode backbone.index.key-prefix may give it instead (ClusterConfig).
    @Option(names = "--key-prefix", paramLabel = "PREFIX",
            description = "Index key prefix (default: backbone.index.key-prefix in cluster mode, else " + IndexKeys.DEFAULT_PREFIX + ").")
    String keyPrefix;

    // No picocli default: in cluster mode backbone.streams.application-id may give it instead (ClusterConfig).
    @Option(names = "--application-id", paramLabel = "ID",
            description = "Log and ledger checks: the Streams app's application id, whose state stores' changelog topics "
                    + "(<ID>-customer-state-changelog, <ID>-order-state-changelog, <ID>-payment-state-changelog) hold the fold's state (default: "
                    + "backbone.streams.application-id in cluster mode, else " + ChangeLogSettings.DEFAULT_APPLICATION_ID + ").")
    String applicationId;

    @Option(names = "--resume", arity = "0..1", paramLabel = "RUN_ID", fallbackValue = NEWEST,
            description = "Continue an unfinished run (still RUNNING, e.g. killed) where it stopped, with the options it started with: "
                    + "RUN_ID, or without one the newest unfinished run. Takes none of the run's options (--repair, --checks, …).")
    String resume;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Before anything is read: a resumed run's options are its own.
        OptionalLong resumeId = resume == null ? OptionalLong.empty() : resumeId();
        Optional<ClusterConfig> cluster = ClusterConfig.ofProcess();
        ReconSettings settings;
        IntFunction<ChangeLogSettings> log;
        if (cluster.isPresent()) {
            // Every key is validated before anything is read or recorded.
            settings = cluster.get().reconSettings(keyPrefix);
            options.checkCluster(settings.shardJdbcUrls().size());
            String bootstrapServers = cluster.get().kafkaBootstrapServers();
            KafkaSecurity security = cluster.get().kafkaSecurity();
            String streamsApp = cluster.get().streamsApplicationId(applicationId);
            log = n -> usage(() -> new ChangeLogSettings(bootstrapServers, security, streamsApp, n, ChangeLogSettings.DEFAULT_READ_TIMEOUT));
            out.println("cluster mode: " + settings + ", kafka=" + bootstrapServers + " " + security + ", application id " + streamsApp);
        } else {
            StackLayout layout = options.open(false).layout();
            settings = settings(layout, keyPrefix == null ? IndexKeys.DEFAULT_PREFIX : keyPrefix);
            String streamsApp = applicationId == null ? ChangeLogSettings.DEFAULT_APPLICATION_ID : applicationId;
            log = n -> usage(() -> new ChangeLogSettings(layout.bootstrapServers(), KafkaSecurity.PLAINTEXT, streamsApp, n,
                    ChangeLogSettings.DEFAULT_READ_TIMEOUT));
        }
        ReconProgressBar bar = new ReconProgressBar(out, System.console() != null, Clock.systemUTC(),
                ReconProgressBar.DEFAULT_PLAIN_INTERVAL);
        Reconciler reconciler = new Reconciler(settings, bar);
        ReconReport report = resume == null
                ? started(reconciler, bar, reconOptions(log.apply(passes)))
                : resumed(reconciler, bar, resumeId, log, out);
        report.discrepancies().stream().limit(SHOWN).forEach(d -> out.println(describe(d)));
        if (report.discrepancies().size() > SHOWN) {
            out.printf("… %d more in recon_discrepancy (run %d)%n", report.discrepancies().size() - SHOWN, report.runId());
        }
        for (CheckOutcome check : report.checks()) {
            out.printf("  %-7s %,12d checked, %,6d discrepancies, %,6d unrepaired, %,7d ms%n", check.check().label(),
                    check.entriesChecked(), check.discrepancies().size(), check.unrepaired(), check.duration().toMillis());
        }
        out.printf("run %d (%s): %,d checked, %d discrepancies, %d unrepaired, %d ms%n", report.runId(),
                report.repair() ? "repair" : "dry run", report.entriesChecked(), report.discrepancies().size(), report.unrepaired(),
                report.duration().toMillis());
        out.flush();
        return report.unrepaired() == 0 ? 0 : 1;
    }

    private static ReconReport started(Reconciler reconciler, ReconProgressBar bar, ReconOptions run) {
        return ticking(bar, () -> reconciler.run(run));
    }

    /** Continues the run {@code --resume} names with its stored options; nothing to resume is a usage error (exit 2). */
    private ReconReport resumed(Reconciler reconciler, ReconProgressBar bar, OptionalLong runId, IntFunction<ChangeLogSettings> log,
                                PrintWriter out) {
        StoredRun run = usage(() -> reconciler.resumable(runId));
        ChangeLogSettings runLog = log.apply(run.passes());
        usage(() -> run.options(runLog));
        out.printf("resuming run %d, started %s%s: %s; %d of %d units done%n", run.runId(), run.startedAt(),
                run.resumes() == 0 ? "" : ", resumed " + run.resumes() + " time(s) before", run.describe(), run.unitsDone(),
                run.unitsTotal());
        out.flush();
        return ticking(bar, () -> reconciler.resume(run, runLog));
    }

    /**
     * The run {@code --resume} names; empty for the newest unfinished one.
     *
     * @throws ParameterException when a run option is given with it, or the id is not a run id
     */
    private OptionalLong resumeId() {
        for (String flag : RUN_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                throw new ParameterException(spec.commandLine(), flag + " cannot be combined with --resume: a resumed run keeps the"
                        + " options it started with (stored in recon_run); drop " + flag + ", or start a new run without --resume");
            }
        }
        if (resume.equals(NEWEST)) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(resume.strip());
            if (id < 1) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(id);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--resume '" + resume + "': give a run id (recon_run.run_id, a positive"
                    + " number), or no value for the newest unfinished run", e);
        }
    }

    /** Runs {@code work} while a timer redraws the progress bar (or prints a plain line per interval) every second. */
    private static ReconReport ticking(ReconProgressBar bar, Supplier<ReconReport> work) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reconcile-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(bar::tick, 1, 1, TimeUnit.SECONDS);
        try {
            return work.get();
        } finally {
            timer.shutdownNow();
        }
    }

    /** {@code work}'s {@link IllegalArgumentException} as a usage error (exit 2). */
    private <T> T usage(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The run's options; bad flags are usage errors naming the flag and the fix. */
    private ReconOptions reconOptions(ChangeLogSettings log) {
        try {
            if (repair && dryRun) {
                throw new IllegalArgumentException("--repair and --dry-run exclude each other: pass one");
            }
            Set<Check> selected = EnumSet.copyOf(Check.parseList(checks));
            if (ledger != null) {
                selected.add(Check.LEDGER);
            }
            return new ReconOptions(selected, repair, log, ledger, idPrefix);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Reconciliation settings for the local stack. */
    static ReconSettings settings(StackLayout layout, String keyPrefix) {
        return Verifier.reconSettings(layout, keyPrefix);
    }

    private static String describe(Discrepancy d) {
        return String.format("  %-6s %-14s %-12s %s expected=%s found=%s%s%s", d.check().label(), d.kind(), d.family(), d.key(),
                d.expected(), d.found(), d.repaired() ? " (repaired)" : "", d.note() == null ? "" : " — " + d.note());
    }
}
