package dev.backbone.chaos.drills;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillContext;
import dev.backbone.chaos.apps.BackboneApps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Seed 004 §6: message volume spikes tenfold. Lag rises; when it passes a threshold a second
 * Streams instance is started (the local stand-in for KEDA's lag-based autoscaling); lag drains.
 */
public final class VolumeSpikeDrill implements Drill {

    private static final double SPIKE_FACTOR = 9; // on top of the base load: 10x in all
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration LONGEST_EXTRA_BURST = Duration.ofSeconds(30);
    private static final String BURST = "burst";

    @Override
    public String name() {
        return "volume-spike";
    }

    @Override
    public String expectation() {
        return "A 10x burst: lag rises and drains; an extra Streams instance starts when lag passes the scaling threshold; "
                + "nothing is lost.";
    }

    /** Lag at which the stand-in autoscaler adds an instance: five seconds of base load. */
    static long scaleOutThreshold(double baseRate) {
        return Math.max(500, (long) (baseRate * 5));
    }

    @Override
    public void run(DrillContext context) throws Exception {
        double rate = context.mode().rate() * SPIKE_FACTOR;
        long threshold = scaleOutThreshold(context.mode().rate());
        context.workload().start(BURST, rate);
        context.mark(String.format(Locale.ROOT, "burst of %.0f events/s on top of the base load (scale-out at lag %,d)", rate, threshold));
        Instant burstStart = Instant.now();
        Instant holdEnd = burstStart.plus(context.mode().hold());
        // A burst the pipeline absorbs without passing the threshold proves nothing about scaling out
        // (short mode's 6 s often did on a quiet machine): it goes on until the threshold is passed, for
        // at most LONGEST_EXTRA_BURST more.
        Instant latestEnd = holdEnd.plus(LONGEST_EXTRA_BURST);
        boolean scaledOut = false;
        while (Instant.now().isBefore(scaledOut ? holdEnd : latestEnd)) {
            if (!scaledOut && context.sampler().currentLag() > threshold) {
                context.figure("lag passed the threshold after", Duration.between(burstStart, Instant.now()));
                // Like an autoscaler: start the instance and carry on; it joins the group when ready.
                context.apps().launchStreamsApp(1, BackboneApps.streamsName(1), context.stack().layout().appsBootstrapServers(), List.of());
                context.mark(BackboneApps.streamsName(1) + " started by the lag threshold");
                scaledOut = true;
            }
            Thread.sleep(500);
        }
        context.workload().stop(BURST);
        context.mark("burst stopped");
        if (scaledOut) {
            Instant waiting = Instant.now();
            context.apps().awaitReady(BackboneApps.streamsName(1), context.apps().streamsReadyUrl(1), BackboneApps.READY_TIMEOUT);
            context.mark(BackboneApps.streamsName(1) + " ready (waited " + Duration.between(waiting, Instant.now()).toSeconds() + " s after the burst)");
        }
        context.timeline().phase("heal");
        Instant drainStart = Instant.now();
        // Drained = lag back under the threshold that scaled out, where an autoscaler would scale in
        // again. Not "lag of the base load alone": on a busy machine the pipeline's steady lag at the base
        // rate wanders around a few seconds of input, and waiting for a dip under it timed noise (300 s).
        context.figure("drain time after the burst (lag back under " + threshold + ")", context.await("lag draining",
                () -> context.sampler().lagAtMost(threshold), DRAIN_TIMEOUT));
        context.figure("scaled out", scaledOut ? "yes" : "no (lag stayed under the threshold)");
        if (scaledOut) {
            context.apps().stop(BackboneApps.streamsName(1));
            context.mark(BackboneApps.streamsName(1) + " stopped after the drain (scale-in)");
        }
        context.figure("burst + drain", Duration.between(burstStart, drainStart).plus(Duration.between(drainStart, Instant.now())));
    }
}
