package dev.backbone.loadgen.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Throughput, acknowledgement latency and CPU cost of one benchmark phase.
 *
 * @param name what was measured
 * @param records records acknowledged
 * @param seconds wall time from the first send to the last acknowledgement
 * @param avgMillis mean latency (send to ack)
 * @param p50Millis median latency
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param maxMillis worst latency
 * @param cpuMicrosPerRecord CPU time of the whole benchmark JVM during the phase (publishing threads,
 *     the producer's I/O thread, GC, JIT) per record, in microseconds; {@link #UNKNOWN} for a phase
 *     run in another process
 * @param senderCpuMicrosPerRecord CPU time of the publishing threads alone per record, in
 *     microseconds; {@link #UNKNOWN} likewise
 */
public record Measurement(String name, long records, double seconds, double avgMillis, double p50Millis, double p95Millis,
        double p99Millis, double maxMillis, double cpuMicrosPerRecord, double senderCpuMicrosPerRecord) {

    /** CPU not measured (the phase ran in another process). */
    public static final double UNKNOWN = -1;

    /** Records per second. */
    public double recordsPerSecond() {
        return seconds <= 0 ? 0 : records / seconds;
    }

    /** A measurement from per-record latencies in nanoseconds (sorted in place), CPU not measured. */
    public static Measurement of(String name, long[] latencyNanos, double seconds) {
        Measurement m = of(name, latencyNanos, seconds, 0, 0);
        return new Measurement(m.name, m.records, m.seconds, m.avgMillis, m.p50Millis, m.p95Millis, m.p99Millis, m.maxMillis,
                UNKNOWN, UNKNOWN);
    }

    /**
     * A measurement from per-record latencies in nanoseconds (the array is sorted in place) and the
     * CPU nanoseconds the JVM and its publishing threads spent on the phase.
     */
    public static Measurement of(String name, long[] latencyNanos, double seconds, long processCpuNanos, long senderCpuNanos) {
        Arrays.sort(latencyNanos);
        double avg = Arrays.stream(latencyNanos).average().orElse(0) / 1e6;
        int n = latencyNanos.length;
        return new Measurement(name, n, seconds, avg, percentile(latencyNanos, 0.50), percentile(latencyNanos, 0.95),
                percentile(latencyNanos, 0.99), n == 0 ? 0 : latencyNanos[n - 1] / 1e6,
                n == 0 ? UNKNOWN : processCpuNanos / 1e3 / n, n == 0 ? UNKNOWN : senderCpuNanos / 1e3 / n);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** One table row: records/s, latency percentiles in ms, CPU µs per record (JVM, publishing threads). */
    public String row() {
        return String.format(Locale.ROOT, "%-22s %,10d %10.1f %,12.0f %9.1f %9.1f %9.1f %9.1f %9.1f %9s %9s", name, records, seconds,
                recordsPerSecond(), avgMillis, p50Millis, p95Millis, p99Millis, maxMillis, micros(cpuMicrosPerRecord),
                micros(senderCpuMicrosPerRecord));
    }

    /** The header of {@link #row()}. */
    public static String header() {
        return String.format(Locale.ROOT, "%-22s %10s %10s %12s %9s %9s %9s %9s %9s %9s %9s", "phase", "records", "seconds", "records/s",
                "avg ms", "p50 ms", "p95 ms", "p99 ms", "max ms", "cpu us", "send us");
    }

    /**
     * Every component, tab-separated, at full precision: how a benchmark JVM hands its measurements
     * to the JVM that started it. {@link #fromTsv} reads it back.
     */
    public String tsv() {
        return String.join("\t", name, Long.toString(records), Double.toString(seconds), Double.toString(avgMillis),
                Double.toString(p50Millis), Double.toString(p95Millis), Double.toString(p99Millis), Double.toString(maxMillis),
                Double.toString(cpuMicrosPerRecord), Double.toString(senderCpuMicrosPerRecord));
    }

    /**
     * Reads a line {@link #tsv()} wrote.
     *
     * @throws IllegalArgumentException when the line is not one
     */
    public static Measurement fromTsv(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 10) {
            throw new IllegalArgumentException("a measurement has 10 tab-separated fields, not " + fields.length + ": '" + line + "'");
        }
        try {
            return new Measurement(fields[0], Long.parseLong(fields[1]), Double.parseDouble(fields[2]), Double.parseDouble(fields[3]),
                    Double.parseDouble(fields[4]), Double.parseDouble(fields[5]), Double.parseDouble(fields[6]),
                    Double.parseDouble(fields[7]), Double.parseDouble(fields[8]), Double.parseDouble(fields[9]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a measurement: '" + line + "' (" + e.getMessage() + ")", e);
        }
    }

    private static String micros(double value) {
        return value == UNKNOWN ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
