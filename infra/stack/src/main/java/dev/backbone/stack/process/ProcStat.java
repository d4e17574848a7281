package dev.backbone.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One process's {@code /proc/<pid>/stat}, its fields numbered as proc(5) numbers them (1 the pid,
 * 2 the command name, 3 the state, 4 the parent, 14–17 the CPU ticks, 22 the start time). The name
 * may hold spaces and parentheses, so the fields after it are counted from its last {@code ')'}.
 */
public final class ProcStat {

    /** The first field after the command name. */
    private static final int FIRST_AFTER_COMM = 3;

    private final long pid;
    private final String[] afterComm;

    private ProcStat(long pid, String[] afterComm) {
        this.pid = pid;
        this.afterComm = afterComm;
    }

    /**
     * Parses a stat line.
     *
     * @throws IllegalArgumentException when {@code line} is not one
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        try {
            return new ProcStat(Long.parseLong(line.substring(0, open).trim()), line.substring(close + 2).trim().split(" "));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line, e);
        }
    }

    /** The stat of a live process; empty when it is gone or the system has no {@code /proc}. */
    public static Optional<ProcStat> read(Path procDir, long pid) {
        try {
            return Optional.of(parse(Files.readString(procDir.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@link #read(Path, long)} from {@code /proc}. */
    public static Optional<ProcStat> read(long pid) {
        return read(Path.of("/proc"), pid);
    }

    public long pid() {
        return pid;
    }

    /** Field {@code number} (3 or later) as the kernel wrote it; empty when the line has fewer. */
    public Optional<String> field(int number) {
        int index = number - FIRST_AFTER_COMM;
        if (index < 0) {
            throw new IllegalArgumentException("fields before the state (3) are the pid and the name, not field " + number);
        }
        return index < afterComm.length ? Optional.of(afterComm[index]) : Optional.empty();
    }

    /**
     * Field {@code number} (3 or later) as a number.
     *
     * @throws IllegalArgumentException when the line has no such field or it is not a number
     */
    public long longField(int number) {
        String value = field(number).orElseThrow(() -> new IllegalArgumentException("process " + pid + "'s stat has no field " + number));
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("process " + pid + "'s stat field " + number + " is not a number: " + value, e);
        }
    }
}
