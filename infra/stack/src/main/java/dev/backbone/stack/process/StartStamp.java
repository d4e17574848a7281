package dev.backbone.stack.process;

import java.util.Optional;

/**
 * When a process started, recorded next to its pid so that a recycled pid is never taken for it.
 *
 * <p>On Linux the stamp is the kernel's start time of the process in clock ticks since boot
 * ({@code /proc/<pid>/stat}, field 22), which never changes while the process lives.
 * {@link ProcessHandle.Info#startInstant()} is derived from it and the boot time, and the boot time
 * moves whenever the machine's clock is stepped: on a VM it moved by 9 s within minutes, so
 * a live Streams app was taken for gone and a benchmark started a second one next to it. Elsewhere
 * (no {@code /proc}) the stamp falls back to that instant, compared with two seconds of slack.
 *
 * @param text {@code ticks:<n>}, or {@code <epoch millis>} (the fallback, and the pid files written
 *     before 2026-12-03)
 */
record StartStamp(String text) {

    private static final String TICKS = "ticks:";
    private static final long INSTANT_SLACK_MILLIS = 2_000;
    /** {@code starttime}'s field in {@code /proc/<pid>/stat}. */
    private static final int START_TIME = 22;

    /** The stamp of a live process; empty when the system tells nothing (the process is gone). */
    static Optional<StartStamp> of(ProcessHandle process) {
        return kernelStartTicks(process.pid()).map(ticks -> new StartStamp(TICKS + ticks))
                .or(() -> process.info().startInstant().map(start -> new StartStamp(Long.toString(start.toEpochMilli()))));
    }

    /** Whether {@code process} is the one this stamp was taken of. */
    boolean matches(ProcessHandle process) {
        if (text.startsWith(TICKS)) {
            return kernelStartTicks(process.pid()).map(ticks -> text.equals(TICKS + ticks)).orElse(false);
        }
        long recordedMillis;
        try {
            recordedMillis = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return false;
        }
        // an old pid file read on Linux: the instant is all there is to compare
        return process.info().startInstant()
                .map(start -> Math.abs(start.toEpochMilli() - recordedMillis) < INSTANT_SLACK_MILLIS)
                .orElse(true);
    }

    /** Field 22 of {@code /proc/<pid>/stat}: the process's start in clock ticks since boot. */
    private static Optional<String> kernelStartTicks(long pid) {
        return ProcStat.read(pid).flatMap(stat -> stat.field(START_TIME));
    }
}
