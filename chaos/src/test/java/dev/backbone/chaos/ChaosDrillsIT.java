package dev.backbone.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.chaos.apps.AppsSettings;
import dev.backbone.chaos.verify.Verification;
import dev.backbone.stack.LocalStack;
import dev.backbone.testkit.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every drill in short mode on the real test stack: real processes killed, frozen and restarted
 * under a ledgered workload, then 0 lost, 0 unexplained effects, 0 index drift left, 0 wrong answers,
 * and a complete report. The apps run with their own application id and index prefix.
 */
class ChaosDrillsIT {

    private static LocalStack stack;
    private static DrillRunner runner;
    private static Path reports;

    @BeforeAll
    static void stackAndApps() throws Exception {
        stack = new LocalStack(TestStack.shared().layout());
        stack.up(line -> { });
        stopApps(); // leftovers of a killed test JVM run with another application id
        String id = "chaos-it-" + UUID.randomUUID().toString().substring(0, 8);
        AppsSettings apps = new AppsSettings(id, id + ":");
        try (Admin admin = stack.kafka().admin()) {
            GroupOffsets.startAtEnd(admin, apps);
        }
        reports = stack.layout().runtimeDir().resolve("chaos-reports");
        runner = new DrillRunner(stack, apps, reports, line -> System.out.println("[chaos-it] " + line));
    }

    @AfterAll
    static void stopAppsAndHeal() {
        stopApps();
        stack.heal();
    }

    private static void stopApps() {
        for (String name : stack.processes().recordedNames()) {
            if (name.startsWith("streams-app") || name.equals("query-service")) {
                stack.processes().stop(name, "TERM", Duration.ofSeconds(30));
            }
        }
    }

    static List<String> drills() {
        return Drills.all().stream().map(Drill::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drills")
    void shouldLoseNothingAndNeverAnswerWrong(String name) throws Exception {
        DrillOutcome outcome = runner.run(Drills.byName(name), DrillMode.SHORT);

        assertThat(outcome.failures()).as("failures of " + name + ", report " + outcome.reportDir()).isEmpty();
        Verification verification = outcome.verification().orElseThrow();
        assertThat(verification.ledgeredEvents()).isPositive();
        assertThat(verification.lost()).isZero();
        assertThat(verification.wrongAnswers()).isZero();
        assertThat(verification.probeAnswers()).isPositive();
        assertThat(outcome.reportDir().resolve("report.md")).content().startsWith("# Drill `" + name + "`").contains("PASSED");
        assertThat(Files.readAllLines(outcome.reportDir().resolve("timeline.csv")).size()).isGreaterThan(5);
        assertThat(Files.size(outcome.reportDir().resolve("timeline.png"))).isPositive();
    }
}
