package dev.backbone.chaos;

import dev.backbone.chaos.timeline.Sampler;
import dev.backbone.chaos.timeline.Timeline;
import dev.backbone.chaos.verify.ProjectionCheck;
import dev.backbone.chaos.workload.Workload;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.stack.StackLayout;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Waits, after the workload stopped, until the backbone has caught up: the SDK journals are empty,
 * every consumer group's lag is 0 and the shards equal the ledger fold.
 */
final class Converger {

    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final Workload workload;
    private final Sampler sampler;
    private final Timeline timeline;
    private final ProjectionCheck projection;
    private Duration took = Duration.ZERO;

    Converger(StackLayout layout, Workload workload, Sampler sampler, Timeline timeline) {
        this.workload = workload;
        this.sampler = sampler;
        this.timeline = timeline;
        this.projection = new ProjectionCheck(layout);
    }

    /** Empty when converged within {@code timeout}; else what was still behind. */
    Optional<String> converge(Duration timeout) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        if (!workload.awaitJournalsDrained(timeout)) {
            took = Duration.between(start, Instant.now());
            return Optional.of("SDK journals still hold " + workload.journaled() + " events after " + timeout.toSeconds() + " s");
        }
        timeline.mark("SDK journals drained");
        ExpectedState expected = workload.expectedState();
        Instant nextReport = Instant.now();
        String behind = "";
        while (Instant.now().isBefore(deadline)) {
            long lag = sampler.currentLag();
            ProjectionCheck.Progress progress = check(expected);
            if (lag == 0 && progress != null && progress.complete()) {
                took = Duration.between(start, Instant.now());
                timeline.mark("converged: lag 0, shards equal the ledger fold");
                return Optional.empty();
            }
            behind = String.format(Locale.ROOT, "lag %s, customers %d/%d, orders %d/%d, payments %d/%d",
                    lag < 0 ? "unknown" : String.valueOf(lag),
                    progress == null ? 0 : progress.customersMatched(), expected.customers().size(),
                    progress == null ? 0 : progress.ordersMatched(), expected.orders().size(),
                    progress == null ? 0 : progress.paymentsMatched(), expected.payments().size());
            if (!Instant.now().isBefore(nextReport)) {
                timeline.mark("converging: " + behind);
                nextReport = Instant.now().plus(REPORT_EVERY);
            }
            Thread.sleep(POLL.toMillis());
        }
        took = Duration.between(start, Instant.now());
        return Optional.of("not converged within " + timeout.toSeconds() + " s: " + behind);
    }

    private ProjectionCheck.Progress check(ExpectedState expected) {
        try {
            return projection.check(expected);
        } catch (SQLException e) {
            timeline.mark("projection check failed (shard unreachable?): " + e.getMessage());
            return null;
        }
    }

    String tookSeconds() {
        return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }
}
