package dev.backbone.loadgen.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Throughput and acknowledgement latency of one benchmark phase.
 *
 * @param name what was measured
 * @param records records acknowledged
 * @param seconds wall time from the first send to the last acknowledgement
 * @param avgMillis mean latency (send to ack)
 * @param p50Millis median latency
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param maxMillis worst latency
 */
public record Measurement(String name, long records, double seconds, double avgMillis, double p50Millis, double p95Millis,
        double p99Millis, double maxMillis) {

    /** Records per second. */
    public double recordsPerSecond() {
        return seconds <= 0 ? 0 : records / seconds;
    }

    /** A measurement from per-record latencies in nanoseconds (the array is sorted in place). */
    public static Measurement of(String name, long[] latencyNanos, double seconds) {
        Arrays.sort(latencyNanos);
        double avg = Arrays.stream(latencyNanos).average().orElse(0) / 1e6;
        return new Measurement(name, latencyNanos.length, seconds, avg, percentile(latencyNanos, 0.50), percentile(latencyNanos, 0.95),
                percentile(latencyNanos, 0.99), latencyNanos.length == 0 ? 0 : latencyNanos[latencyNanos.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** One table row: records/s and latency percentiles in ms. */
    public String row() {
        return String.format(Locale.ROOT, "%-22s %,10d %10.1f %,12.0f %9.1f %9.1f %9.1f %9.1f %9.1f", name, records, seconds,
                recordsPerSecond(), avgMillis, p50Millis, p95Millis, p99Millis, maxMillis);
    }

    /** The header of {@link #row()}. */
    public static String header() {
        return String.format(Locale.ROOT, "%-22s %10s %10s %12s %9s %9s %9s %9s %9s", "phase", "records", "seconds", "records/s",
                "avg ms", "p50 ms", "p95 ms", "p99 ms", "max ms");
    }
}
