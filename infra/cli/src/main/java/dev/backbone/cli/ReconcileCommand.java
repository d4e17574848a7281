package dev.backbone.cli;

import dev.backbone.chaos.verify.Verifier;
import dev.backbone.etl.recon.Discrepancy;
import dev.backbone.etl.recon.ReconReport;
import dev.backbone.etl.recon.ReconSettings;
import dev.backbone.etl.recon.Reconciler;
import dev.backbone.index.IndexKeys;
import dev.backbone.stack.StackLayout;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reconcile", description = "Prove the Redis index equals the shard rows (dry run), or fix it (--repair). "
        + "Exit 1 while unrepaired drift remains. See docs/reconciliation.md.")
final class ReconcileCommand implements Callable<Integer> {

    private static final int SHOWN = 20;

    @Mixin
    StackOptions options;

    @Option(names = "--repair", description = "Fix what differs (compare-and-set, safe while the pipeline runs).")
    boolean repair;

    @Option(names = "--key-prefix", paramLabel = "PREFIX", defaultValue = IndexKeys.DEFAULT_PREFIX,
            description = "Index key prefix (default ${DEFAULT-VALUE}).")
    String keyPrefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReconReport report = new Reconciler(settings(options.open(false).layout(), keyPrefix), line -> {
            out.println(line);
            out.flush();
        }).run(repair);
        report.discrepancies().stream().limit(SHOWN).forEach(d -> out.println(describe(d)));
        if (report.discrepancies().size() > SHOWN) {
            out.printf("… %d more in recon_discrepancy (run %d)%n", report.discrepancies().size() - SHOWN, report.runId());
        }
        out.printf("run %d: %,d entries checked, %d discrepancies, %d unrepaired, %d ms%n", report.runId(),
                report.entriesChecked(), report.discrepancies().size(), report.unrepaired(), report.duration().toMillis());
        out.flush();
        return report.unrepaired() == 0 ? 0 : 1;
    }

    /** Reconciliation settings for the local stack. */
    static ReconSettings settings(StackLayout layout, String keyPrefix) {
        return Verifier.reconSettings(layout, keyPrefix);
    }

    private static String describe(Discrepancy d) {
        return String.format("  %-8s %-12s %s expected=%s found=%s%s", d.kind(), d.family(), d.key(), d.expected(), d.found(),
                d.repaired() ? " (repaired)" : "");
    }
}
