package dev.backbone.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.chaos.DrillMode;
import dev.backbone.chaos.DrillOutcome;
import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.chaos.timeline.Timeline;
import dev.backbone.chaos.verify.ProjectionCheck;
import dev.backbone.chaos.verify.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    private DrillOutcome outcome(Verification verification) {
        Timeline timeline = new Timeline(Instant.now(), line -> { });
        timeline.phase("fault");
        timeline.mark("kafka-1 | killed -9");
        List<ProbeResult> probe = List.of(new ProbeResult(Instant.now(), ProbeResult.Kind.ORDER_BY_ID, 1, ProbeResult.Outcome.OK,
                "scatter", 12_000, ""));
        return new DrillOutcome("kafka-outage", "nothing lost", DrillMode.SHORT, Optional.empty(), Optional.of(verification),
                Map.of("failover time", "3.0 s"), timeline, probe, Duration.ofSeconds(42), dir.resolve("kafka-outage-x"));
    }

    @Test
    void shouldPutTheVerdictFirstThenFiguresChecksProbeAndEvents() throws Exception {
        Verification clean = new Verification(1_234, new ProjectionCheck.Progress(10, 10, 20, 20, 5, 5, 0, 0, 0, List.of()), 2, 0, 0, 1, 0,
                List.of());

        new ReportWriter().write(outcome(clean));

        String md = Files.readString(dir.resolve("kafka-outage-x/report.md"));
        assertThat(md.lines().limit(3)).containsExactly("# Drill `kafka-outage` (short)", "",
                "**Verdict: PASSED** — 1,234 acknowledged events, 0 lost, 0 unexplained effects, 0 wrong answers of 1, 0 index drift left");
        assertThat(md).contains("| failover time | 3.0 s |", "| index ⇄ shards reconciliation | 2 drift found before repair, 0 left after |",
                "| ORDER_BY_ID | 1 | 1 |", "kafka-1 \\| killed -9");
        assertThat(Files.readAllLines(dir.resolve("kafka-outage-x/timeline.csv"))).first().asString().startsWith("second,phase,");
        byte[] png = Files.readAllBytes(dir.resolve("kafka-outage-x/timeline.png"));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void shouldListEveryFailureUnderAFailedVerdict() throws Exception {
        Verification lost = new Verification(10, new ProjectionCheck.Progress(9, 10, 20, 20, 5, 5, 1, 0, 0, List.of("customer c1: expected version 3, shard row has 2")),
                0, 0, 0, 1, 0, List.of());

        new ReportWriter().write(outcome(lost));

        String md = Files.readString(dir.resolve("kafka-outage-x/report.md"));
        assertThat(md).contains("**Verdict: FAILED**", "- 1 ledgered entities not at their ledgered version",
                "customer c1: expected version 3, shard row has 2");
    }
}
