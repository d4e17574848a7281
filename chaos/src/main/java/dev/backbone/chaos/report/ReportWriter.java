package dev.backbone.chaos.report;

import dev.backbone.chaos.DrillOutcome;
import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.chaos.timeline.LatencyStats;
import dev.backbone.chaos.timeline.Timeline;
import dev.backbone.chaos.timeline.TimelineRow;
import dev.backbone.chaos.verify.ProjectionCheck;
import dev.backbone.chaos.verify.Verification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a drill's report folder: {@code report.md} (verdict first, then figures, checks and the
 * timeline of events), {@code timeline.csv} (one row per second) and {@code timeline.png}.
 */
public final class ReportWriter {

    public void write(DrillOutcome outcome) {
        Path dir = outcome.reportDir();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("timeline.csv"), csv(outcome.timeline()));
            new TimelineChart().write(outcome.drill() + " (" + outcome.mode().name() + ")", outcome.timeline(), dir.resolve("timeline.png"));
            Files.writeString(dir.resolve("report.md"), markdown(outcome));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    static String csv(Timeline timeline) {
        StringBuilder csv = new StringBuilder(TimelineRow.CSV_HEADER).append('\n');
        timeline.rows().forEach(r -> csv.append(r.csv()).append('\n'));
        return csv.toString();
    }

    static String markdown(DrillOutcome outcome) {
        StringBuilder md = new StringBuilder();
        md.append("# Drill `").append(outcome.drill()).append("` (").append(outcome.mode().name()).append(")\n\n");
        md.append("**Verdict: ").append(outcome.passed() ? "PASSED" : "FAILED").append("**");
        outcome.verification().ifPresent(v -> md.append(String.format(Locale.ROOT,
                " — %,d acknowledged events, %d lost, %d unexplained effects, %d wrong answers of %,d, %d index drift left",
                v.ledgeredEvents(), v.lost(), v.unexplainedEffects(), v.wrongAnswers(), v.probeAnswers(), v.unrepaired())));
        md.append("\n\n");
        outcome.failures().forEach(f -> md.append("- ").append(f).append('\n'));
        md.append("\nExpected (from the seeds): ").append(outcome.expectation()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Ran %.0f s. Timeline per second: `timeline.csv`; chart: `timeline.png`.%n%n",
                outcome.duration().toMillis() / 1000.0));
        md.append("![timeline](timeline.png)\n\n");
        md.append("## Figures\n\n| figure | value |\n| --- | --- |\n");
        new TreeMap<>(outcome.figures()).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        outcome.verification().ifPresent(v -> checks(md, v));
        probe(md, outcome.probe());
        md.append("\n## Timeline of events\n\n| t (s) | phase | event |\n| --- | --- | --- |\n");
        for (Timeline.Mark mark : outcome.timeline().marks()) {
            md.append(String.format(Locale.ROOT, "| %.1f | %s | %s |%n", mark.at().toMillis() / 1000.0, mark.phase(),
                    mark.text().replace("|", "\\|")));
        }
        return md.toString();
    }

    private static void checks(StringBuilder md, Verification v) {
        ProjectionCheck.Progress p = v.projection();
        md.append("\n## Checks against the ledger\n\n| check | result |\n| --- | --- |\n");
        md.append(String.format(Locale.ROOT, "| every ledgered entity at its ledgered version (0 lost) | customers %d/%d, orders %d/%d, payments %d/%d, %d behind or missing |%n",
                p.customersMatched(), p.customers(), p.ordersMatched(), p.orders(), p.paymentsMatched(), p.payments(), p.behind()));
        md.append(String.format(Locale.ROOT, "| no effect without an acknowledged event (0 duplicated) | %d rows ahead, %d rows in no ledger, %d publishes unconfirmed |%n",
                p.ahead(), p.unexplained(), v.unconfirmed()));
        md.append(String.format(Locale.ROOT, "| index ⇄ shards reconciliation | %d drift found before repair, %d left after |%n",
                v.driftFound(), v.unrepaired()));
        md.append(String.format(Locale.ROOT, "| query answers never wrong | %d wrong of %,d |%n", v.wrongAnswers(), v.probeAnswers()));
        p.samples().forEach(s -> md.append("\n- ").append(s));
        md.append('\n');
    }

    private static void probe(StringBuilder md, List<ProbeResult> results) {
        md.append("\n## Query probe\n\n| look-up | answers | ok | not found | unavailable | wrong/error | p50 ms | p99 ms |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ProbeResult.Kind kind : ProbeResult.Kind.values()) {
            List<ProbeResult> of = results.stream().filter(r -> r.kind() == kind).toList();
            Map<ProbeResult.Outcome, Long> counts = new EnumMap<>(ProbeResult.Outcome.class);
            of.forEach(r -> counts.merge(r.outcome(), 1L, Long::sum));
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f | %.1f |%n", kind, of.size(),
                    counts.getOrDefault(ProbeResult.Outcome.OK, 0L), counts.getOrDefault(ProbeResult.Outcome.NOT_FOUND, 0L),
                    counts.getOrDefault(ProbeResult.Outcome.UNAVAILABLE, 0L),
                    counts.getOrDefault(ProbeResult.Outcome.WRONG, 0L) + counts.getOrDefault(ProbeResult.Outcome.ERROR, 0L),
                    LatencyStats.percentileMillis(of, 50), LatencyStats.p99Millis(of)));
        }
    }
}
