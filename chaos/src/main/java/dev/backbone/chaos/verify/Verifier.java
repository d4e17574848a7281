package dev.backbone.chaos.verify;

import dev.backbone.chaos.apps.AppsSettings;
import dev.backbone.chaos.probe.ProbeResult;
import dev.backbone.chaos.timeline.Timeline;
import dev.backbone.chaos.workload.Workload;
import dev.backbone.etl.recon.ReconReport;
import dev.backbone.etl.recon.ReconSettings;
import dev.backbone.etl.recon.Reconciler;
import dev.backbone.loadgen.ledger.ExpectedState;
import dev.backbone.stack.StackLayout;
import java.sql.SQLException;
import java.util.List;

/**
 * The same checker for every drill: shard rows against the ledger fold (0 lost, 0 unexplained
 * effects), index ⇄ shards reconciliation (drift found by a dry run, then repaired, 0 left), and the
 * probe's wrong answers.
 */
public final class Verifier {

    private final StackLayout layout;
    private final AppsSettings apps;
    private final Timeline timeline;

    public Verifier(StackLayout layout, AppsSettings apps, Timeline timeline) {
        this.layout = layout;
        this.apps = apps;
        this.timeline = timeline;
    }

    /** Reconciliation settings for this stack and index prefix. */
    public static ReconSettings reconSettings(StackLayout layout, String indexPrefix) {
        return new ReconSettings(layout.shardJdbcUrls(), layout.warehouseJdbcUrl(), StackLayout.DATABASE_USER, "",
                layout.redisSentinelUri(), indexPrefix, ReconSettings.DEFAULT_REDIS_TIMEOUT);
    }

    public Verification verify(Workload workload, List<ProbeResult> probe) {
        ExpectedState expected = workload.expectedState();
        ProjectionCheck.Progress projection;
        try {
            projection = new ProjectionCheck(layout).check(expected, workload.idPrefixes());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the shards to verify: " + e.getMessage(), e);
        }
        timeline.mark(String.format("shards vs ledger: customers %d/%d, orders %d/%d, payments %d/%d, behind %d, ahead %d,"
                + " unexplained %d", projection.customersMatched(), projection.customers(), projection.ordersMatched(),
                projection.orders(), projection.paymentsMatched(), projection.payments(), projection.behind(), projection.ahead(),
                projection.unexplained()));
        projection.samples().forEach(s -> timeline.mark("  " + s));
        Reconciler reconciler = new Reconciler(reconSettings(layout, apps.indexPrefix()), line -> { });
        ReconReport dryRun = reconciler.run(false);
        long unrepaired = 0;
        if (!dryRun.discrepancies().isEmpty()) {
            ReconReport repair = reconciler.run(true);
            unrepaired = repair.unrepaired();
        }
        timeline.mark(String.format("reconciliation: %,d entries checked, %d drift found, %d unrepaired after repair",
                dryRun.entriesChecked(), dryRun.discrepancies().size(), unrepaired));
        long wrong = probe.stream().filter(r -> r.outcome() == ProbeResult.Outcome.WRONG || r.outcome() == ProbeResult.Outcome.ERROR)
                .count();
        probe.stream().filter(r -> !r.detail().isEmpty() && r.outcome() != ProbeResult.Outcome.UNAVAILABLE).limit(5)
                .forEach(r -> timeline.mark("  probe " + r.outcome() + ": " + r.detail()));
        return new Verification(expected.events(), projection, dryRun.discrepancies().size(), unrepaired, wrong, probe.size(),
                workload.unconfirmed(), workload.streamFailures());
    }
}
