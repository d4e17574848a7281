package dev.backbone.chaos.drills;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillContext;
import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.stack.ComponentFailedException;
import dev.backbone.stack.StackLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Seed 004 §7: a deployment introduces a bug. Two broken Streams builds are rolled out as canaries
 * beside the running version: one that crashes on start (an invalid setting) and one that never
 * becomes ready (it cannot reach Kafka). The rollout waits for readiness with a deadline, and rolls
 * each back on its own; the running version keeps processing throughout.
 */
public final class BadDeployDrill implements Drill {

    /** The last instance slot: its health port is the canary's own, never an instance's a drill scaled out. */
    private static final int CANARY_INSTANCE = StackLayout.MAX_STREAMS_INSTANCES - 1;
    private static final String CANARY = "streams-app-canary";
    private static final Duration READY_DEADLINE = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "bad-deploy";
    }

    @Override
    public String expectation() {
        return "A broken Streams build fails its readiness check; the rollout rolls it back automatically; the previous version "
                + "keeps processing; nothing is lost or corrupted.";
    }

    @Override
    public void run(DrillContext context) throws Exception {
        BackboneApps apps = context.apps();
        String bootstrap = context.stack().layout().appsBootstrapServers();
        rollOut(context, "a build with an invalid setting (crashes on start)", bootstrap, List.of("-Dbackbone.topology.max-record-bytes=-1"));
        rollOut(context, "a build that cannot reach Kafka (never ready)", "127.0.0.1:9", List.of());
        if (!apps.isReady(apps.streamsReadyUrl(0))) {
            throw new IllegalStateException(BackboneApps.streamsName(0) + " is not ready after the rollbacks");
        }
        context.mark(BackboneApps.streamsName(0) + " (previous version) still ready");
        context.timeline().phase("heal");
    }

    private static void rollOut(DrillContext context, String build, String bootstrap, List<String> options) {
        BackboneApps apps = context.apps();
        Instant start = Instant.now();
        context.mark("rolling out canary: " + build);
        apps.launchStreamsApp(CANARY_INSTANCE, CANARY, bootstrap, options);
        try {
            apps.awaitReady(CANARY, apps.streamsReadyUrl(CANARY_INSTANCE), READY_DEADLINE);
            apps.stop(CANARY);
            throw new IllegalStateException("the broken canary (" + build + ") became ready: the health check did not catch it");
        } catch (ComponentFailedException e) {
            context.figure("caught by the readiness check: " + build, Duration.between(start, Instant.now()));
            apps.stop(CANARY);
            context.mark("rolled back: canary stopped (" + e.getMessage() + ")");
        }
    }
}
