package dev.backbone.chaos.bench;

import dev.backbone.stack.process.ManagedProcesses;
import dev.backbone.stack.process.ProcStat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the machine's CPU went over a benchmark window: each process of the stack (named by its pid
 * file, with every process below it — a postmaster with its backends, a keeper with its
 * PostgreSQL), this benchmark's own JVM, and the machine's busy time, read from {@code /proc}. The
 * ceilings run alone, the pipeline shares two cores with all of it: without this view a slower run
 * cannot say whether the app, the brokers or the stack's own upkeep took the difference.
 *
 * <p>A process's CPU counts its own time and that of its children it has reaped (short-lived
 * PostgreSQL backends end that way). Linux only; elsewhere {@link #take} is empty.
 */
final class StackCpu {

    /** Linux reports process times in ticks of USER_HZ, 100 on every architecture it exposes to user space. */
    static final double TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");
    // fields of /proc/<pid>/stat (proc(5))
    private static final int PPID = 4;
    private static final int UTIME = 14;
    private static final int STIME = 15;
    private static final int CUTIME = 16;
    private static final int CSTIME = 17;

    /** CPU ticks so far: per stack process (with its descendants), this JVM's, and the whole machine's busy ticks. */
    record Sample(Map<String, Long> byProcess, long benchmark, long machineBusy, long machineTotal) {
    }

    private StackCpu() {
    }

    /** Takes a sample of the stack recorded in {@code processes}; empty where there is no {@code /proc}. */
    static Optional<Sample> take(ManagedProcesses processes) {
        if (!Files.isReadable(PROC.resolve("stat"))) {
            return Optional.empty();
        }
        Map<Long, ProcessTicks> all = readAll();
        Map<String, Long> byProcess = new LinkedHashMap<>();
        for (String name : processes.recordedNames()) {
            processes.running(name).ifPresent(handle -> byProcess.put(name, subtreeTicks(all, handle.pid())));
        }
        ProcessTicks self = all.get(ProcessHandle.current().pid());
        long[] machine = machineTicks(readString(PROC.resolve("stat")));
        return Optional.of(new Sample(byProcess, self == null ? 0 : self.ticks(), machine[0], machine[1]));
    }

    /** One line per stack process that used CPU between the samples, most first, then this JVM and the machine. */
    static List<String> report(Sample before, Sample after, long events) {
        List<String> lines = new ArrayList<>();
        double machine = (after.machineTotal() - before.machineTotal()) / TICKS_PER_SECOND;
        double busy = (after.machineBusy() - before.machineBusy()) / TICKS_PER_SECOND;
        lines.add(String.format(Locale.ROOT, "  %-24s %8s %10s", "CPU over the window", "core-s", "us/event"));
        after.byProcess().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.byProcess().getOrDefault(e.getKey(), e.getValue())))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> lines.add(line(e.getKey(), e.getValue(), events)));
        lines.add(line("this benchmark's JVM", after.benchmark() - before.benchmark(), events));
        lines.add(String.format(Locale.ROOT, "  %-24s %8.1f %10.0f   (of %.1f core-s the machine had)", "machine busy", busy,
                busy / events * 1e6, machine));
        return lines;
    }

    private static String line(String name, long ticks, long events) {
        double seconds = ticks / TICKS_PER_SECOND;
        return String.format(Locale.ROOT, "  %-24s %8.1f %10.0f", name, seconds, seconds / events * 1e6);
    }

    /** Ticks of {@code root} and every live process below it, each with its reaped children's. */
    static long subtreeTicks(Map<Long, ProcessTicks> all, long root) {
        Map<Long, List<ProcessTicks>> children = new HashMap<>();
        all.values().forEach(p -> children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p));
        long ticks = 0;
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.remove(todo.size() - 1);
            ProcessTicks stat = all.get(pid);
            if (stat != null) {
                ticks += stat.ticks();
            }
            children.getOrDefault(pid, List.of()).forEach(child -> todo.add(child.pid()));
        }
        return ticks;
    }

    /** Busy and total ticks from the first line of {@code /proc/stat} (busy: all but idle and iowait). */
    static long[] machineTicks(String procStat) {
        String[] fields = procStat.lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
            long value = Long.parseLong(fields[i]);
            total += value;
            if (i == 4 || i == 5) {
                idle += value;
            }
        }
        return new long[] {total - idle, total};
    }

    /** One process's parent and CPU ticks: its own ({@code utime}, {@code stime}) and its reaped children's ({@code cutime}, {@code cstime}). */
    record ProcessTicks(long pid, long ppid, long ticks) {

        static ProcessTicks of(ProcStat stat) {
            return new ProcessTicks(stat.pid(), stat.longField(PPID),
                    stat.longField(UTIME) + stat.longField(STIME) + stat.longField(CUTIME) + stat.longField(CSTIME));
        }
    }

    private static Map<Long, ProcessTicks> readAll() {
        Map<Long, ProcessTicks> all = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                // empty when it ended between the listing and the read: its time is in its parent's reaped children
                ProcStat.read(PROC, Long.parseLong(entry.getFileName().toString()))
                        .ifPresent(stat -> all.put(stat.pid(), ProcessTicks.of(stat)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return all;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
