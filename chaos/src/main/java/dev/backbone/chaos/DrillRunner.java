package dev.backbone.chaos;

import dev.backbone.chaos.apps.AppsSettings;
import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.chaos.probe.QueryProbe;
import dev.backbone.chaos.report.ReportWriter;
import dev.backbone.chaos.timeline.Sampler;
import dev.backbone.chaos.timeline.Timeline;
import dev.backbone.chaos.verify.Verification;
import dev.backbone.chaos.verify.Verifier;
import dev.backbone.chaos.workload.Workload;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.stack.LocalStack;
import dev.backbone.stack.StackLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a drill the way every drill runs: ensure the stack and apps are up → ledgered workload,
 * query probe and per-second sampler → steady state → the drill's fault, hold and heal → tail →
 * stop the workload, drain the SDK journals → converge (lag 0, shards equal the ledger fold) →
 * verify → report. A drill that throws still converges, verifies and reports, so an operator
 * always sees what was lost, if anything.
 */
public final class DrillRunner {

    /** Pause between two queries of one probe thread. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final LocalStack stack;
    private final AppsSettings appsSettings;
    private final Path reportsRoot;
    private final Consumer<String> echo;

    /**
     * @param reportsRoot each run writes {@code <reportsRoot>/<drill>-<time>/}
     * @param echo progress lines for the operator
     */
    public DrillRunner(LocalStack stack, AppsSettings appsSettings, Path reportsRoot, Consumer<String> echo) {
        this.stack = stack;
        this.appsSettings = appsSettings;
        this.reportsRoot = reportsRoot;
        this.echo = echo;
    }

    public DrillOutcome run(Drill drill, DrillMode mode) throws InterruptedException {
        Instant start = Instant.now();
        String stamp = STAMP.format(start);
        StackLayout layout = stack.layout();
        Timeline timeline = new Timeline(start, echo);
        echo.accept("drill " + drill.name() + " (" + mode.name() + "): " + drill.expectation());
        timeline.phase("setup");
        stack.up(line -> { });
        stack.heal();
        BackboneApps apps = new BackboneApps(stack, appsSettings);
        apps.stopExtraStreamsProcesses().forEach(name -> timeline.mark("stopped " + name + ", left over from an earlier drill"));
        apps.startStreamsApp(0);
        apps.startQueryService();
        timeline.mark("stack healthy, streams-app and query-service ready");

        String runId = (drill.name() + "-" + Long.toString(start.toEpochMilli(), 36)).toLowerCase(Locale.ROOT);
        Path runDir = layout.runtimeDir().resolve("chaos").resolve(runId);
        Map<String, String> figures = new HashMap<>();
        Optional<String> failure = Optional.empty();
        Optional<Verification> verification = Optional.empty();
        List<ProbeResult> probeResults = List.of();
        try (Workload workload = new Workload(layout.bootstrapServers(), runDir, runId, mode.customers());
             QueryProbe probe = new QueryProbe(apps, workload, new ShardRouter(layout.shardCount()), PROBE_INTERVAL);
             Sampler sampler = new Sampler(timeline, workload, probe, layout.bootstrapServers(), appsSettings)) {
            workload.start("base", mode.rate());
            probe.start();
            sampler.start();
            timeline.phase("steady");
            Thread.sleep(mode.steady().toMillis());
            timeline.phase("fault");
            DrillContext context = new DrillContext(stack, apps, workload, probe, sampler, timeline, mode);
            try {
                drill.run(context);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failure = Optional.of(drill.name() + " failed: " + e.getMessage());
                timeline.mark("FAILED: " + e);
                healEverything(apps, timeline);
            }
            figures.putAll(context.figures());
            timeline.phase("tail");
            Thread.sleep(mode.tail().toMillis());
            while (workload.progress().acknowledged() < mode.minimumEvents()) {
                Thread.sleep(1_000);
            }
            workload.stopAll();
            timeline.mark(String.format("workload stopped: %,d acknowledged (%,d journaled first), %,d failed",
                    workload.progress().acknowledged(), workload.progress().buffered(), workload.progress().failed()));
            timeline.phase("converge");
            Converger converger = new Converger(stack.layout(), workload, sampler, timeline);
            Optional<String> converged = converger.converge(mode.convergeTimeout());
            figures.put("time to converge after the workload stopped", converger.tookSeconds());
            if (converged.isPresent() && failure.isEmpty()) {
                failure = converged;
            }
            figures.put("peak consumer lag (topology + shard sink)", String.format("%,d", sampler.peakLag()));
            figures.put("peak SDK journal depth", String.format("%,d", sampler.peakJournaled()));
            probe.close();
            probeResults = probe.results();
            timeline.phase("verify");
            verification = Optional.of(new Verifier(layout, appsSettings, timeline).verify(workload, probeResults));
        }
        DrillOutcome outcome = new DrillOutcome(drill.name(), drill.expectation(), mode, failure, verification, figures, timeline,
                probeResults, Duration.between(start, Instant.now()), reportsRoot.resolve(drill.name() + "-" + stamp));
        new ReportWriter().write(outcome);
        echo.accept((outcome.passed() ? "PASSED " : "FAILED ") + drill.name() + " — report " + outcome.reportDir().resolve("report.md"));
        outcome.failures().forEach(f -> echo.accept("  " + f));
        return outcome;
    }

    /** After a drill broke mid-fault: every server and the first Streams instance back, so convergence can be judged. */
    private void healEverything(BackboneApps apps, Timeline timeline) {
        try {
            stack.heal();
            apps.stopExtraStreamsProcesses();
            apps.startStreamsApp(0);
            apps.startQueryService();
            timeline.mark("healed after the failure");
        } catch (RuntimeException e) {
            timeline.mark("could not heal: " + e.getMessage());
        }
    }
}
