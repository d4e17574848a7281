package dev.backbone.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** {@code starttime} is field 22 of {@code /proc/<pid>/stat}; the fields after {@code comm} start at 3. */
    private static final int START_TIME_AFTER_COMM = 22 - 3;

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

    /** Field 22 of {@code /proc/<pid>/stat}, read after the last ')' because {@code comm} may hold spaces and parentheses. */
    private static Optional<String> kernelStartTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return fields.length > START_TIME_AFTER_COMM ? Optional.of(fields[START_TIME_AFTER_COMM]) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
