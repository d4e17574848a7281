package dev.backbone.cli;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillMode;
import dev.backbone.chaos.DrillOutcome;
import dev.backbone.chaos.DrillRunner;
import dev.backbone.chaos.Drills;
import dev.backbone.chaos.apps.AppsSettings;
import dev.backbone.stack.LocalStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "chaos", description = "Run a chaos drill (or 'all') against the local stack under a ledgered workload and prove "
        + "nothing was lost; reports in chaos/reports/<drill>-<time>/. Exit 1 when a drill fails. See docs/runbooks/README.md.")
final class ChaosCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Parameters(index = "0", paramLabel = "DRILL", description = "kafka-outage, consumer-crash, shard-failure, redis-failure, "
            + "slow-service, volume-spike, bad-deploy, cold-start, network-partition, or all.")
    String drill;

    @Option(names = "--short", description = "Short mode: a few seconds of fault, a few thousand events (what the test suite runs).")
    boolean shortMode;

    @Option(names = "--rate", paramLabel = "R", description = "Base events per second of the workload (default: 1500 in full "
            + "mode, 60 in short mode). Full mode still runs on until 100,000 events are ledgered; pick a rate the machine's "
            + "pipeline can carry (./backbone bench pipeline) or drills that wait for catch-up cannot pass.")
    Double rate;

    @Option(names = "--reports", paramLabel = "DIR", description = "Where reports go (default: chaos/reports in the checkout).")
    Path reports;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (rate != null && !(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--rate must be > 0 events/s but was " + rate);
        }
        DrillMode mode = rate == null ? DrillMode.of(shortMode) : DrillMode.of(shortMode).withRate(rate);
        List<Drill> drills = "all".equals(drill) ? Drills.all() : List.of(Drills.byName(drill));
        LocalStack stack = options.open(true);
        Path root = reports != null ? reports : stack.layout().projectRoot().resolve("chaos/reports");
        DrillRunner runner = new DrillRunner(stack, AppsSettings.DEFAULTS, root, line -> {
            out.println(line);
            out.flush();
        });
        List<DrillOutcome> outcomes = new ArrayList<>();
        for (Drill each : drills) {
            outcomes.add(runner.run(each, mode));
        }
        out.println();
        outcomes.forEach(o -> out.printf("%-15s %s  %s%n", o.drill(), o.passed() ? "PASSED" : "FAILED", o.reportDir().resolve("report.md")));
        out.flush();
        return outcomes.stream().allMatch(DrillOutcome::passed) ? 0 : 1;
    }
}
