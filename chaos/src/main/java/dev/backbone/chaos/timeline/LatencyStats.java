package dev.backbone.chaos.timeline;

import dev.backbone.chaos.probe.ProbeResult;
import java.util.List;

/** Percentiles of probe latencies (nearest-rank). */
public final class LatencyStats {

    private LatencyStats() {
    }

    /** The p99 latency in milliseconds, 0 for no results. */
    public static double p99Millis(List<ProbeResult> results) {
        return percentileMillis(results, 99);
    }

    /** The nearest-rank {@code percentile} (1..100) of the latencies in milliseconds, 0 for no results. */
    public static double percentileMillis(List<ProbeResult> results, int percentile) {
        if (percentile < 1 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be 1..100 but was " + percentile);
        }
        if (results.isEmpty()) {
            return 0;
        }
        long[] micros = results.stream().mapToLong(ProbeResult::latencyMicros).sorted().toArray();
        int rank = (int) Math.ceil(percentile / 100.0 * micros.length);
        return micros[Math.max(0, rank - 1)] / 1000.0;
    }
}
