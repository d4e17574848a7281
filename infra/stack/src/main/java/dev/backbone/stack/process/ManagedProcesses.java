package dev.backbone.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts and stops the stack's server processes and remembers them by pid file, so that a later
 * JVM ({@code ./backbone down}) stops exactly what an earlier one started, and nothing else.
 *
 * <p>Each process runs in its own session ({@code setsid}): Ctrl-C in the terminal that ran
 * {@code up} does not reach it, and a stop or kill signals the whole process group, so the children
 * of a server (PostgreSQL backends) go with it. A pid file records the pid and the process start
 * time ({@link StartStamp}); a recycled pid with another start time is never signalled.
 */
public final class ManagedProcesses {

    private final Path pidDir;
    private final Path logDir;

    public ManagedProcesses(Path runtimeDir) {
        this.pidDir = runtimeDir.resolve("pids");
        this.logDir = runtimeDir.resolve("logs");
    }

    public Path logFile(String name) {
        return logDir.resolve(name + ".log");
    }

    /**
     * Starts {@code command} as process {@code name}, output appended to its log file.
     *
     * @param runAs the OS user to run as when we are root (PostgreSQL refuses root), or empty
     */
    public ProcessHandle start(String name, List<String> command, Map<String, String> env, Optional<String> runAs) {
        Optional<ProcessHandle> running = running(name);
        if (running.isPresent()) {
            return running.get();
        }
        List<String> full = new ArrayList<>(List.of("setsid"));
        if (runAs.isPresent() && OsUser.isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + runAs.get(), "--regid=" + runAs.get(), "--init-groups", "--"));
        }
        full.addAll(command);
        try {
            Files.createDirectories(pidDir);
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            ProcessHandle handle = process.toHandle();
            String started = StartStamp.of(handle).map(StartStamp::text).orElse("");
            Files.writeString(pidDir.resolve(name + ".pid"), handle.pid() + "\n" + started + "\n");
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    /** The live process recorded under {@code name}, if its pid still belongs to it. */
    public Optional<ProcessHandle> running(String name) {
        Path pidFile = pidDir.resolve(name + ".pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            String started = lines.size() > 1 ? lines.get(1).trim() : "";
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> started.isEmpty() || new StartStamp(started).matches(handle));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Names of every process this folder has a pid file for, alive or not. */
    public List<String> recordedNames() {
        if (!Files.isDirectory(pidDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pidDir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".pid"))
                    .map(f -> f.substring(0, f.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code signal} (e.g. TERM, INT) to the process group, waits up to {@code grace}, then
     * SIGKILLs what is left. Returns true if a live process was stopped.
     */
    public boolean stop(String name, String signal, Duration grace) {
        Optional<ProcessHandle> handle = running(name);
        if (handle.isPresent()) {
            signalGroup(handle.get(), signal);
            if (!awaitExit(handle.get(), grace)) {
                signalGroup(handle.get(), "KILL");
                awaitExit(handle.get(), Duration.ofSeconds(10));
            }
        }
        forget(name);
        return handle.isPresent();
    }

    /**
     * kill -9 of the process group: no shutdown hooks, no flush. PostgreSQL backends and its WAL
     * sender leave the postmaster's group, so they are not killed here: they notice the postmaster's
     * death and exit on their own, the WAL sender after shipping what it had. Killing them too (a
     * whole-machine crash) lost the last acknowledged commits of the asynchronously replicated
     * shards on promotion in BackboneAppIT; that needs synchronous replication (see docs/chaos.md).
     */
    public boolean kill(String name) {
        Optional<ProcessHandle> handle = running(name);
        handle.ifPresent(h -> {
            signalGroup(h, "KILL");
            awaitExit(h, Duration.ofSeconds(10));
        });
        forget(name);
        return handle.isPresent();
    }

    /**
     * Sends {@code signal} to the process, its group and every descendant, without waiting or
     * forgetting it: STOP and CONT freeze and thaw a whole server, the way a stalled host behaves.
     * Descendants are named one by one because PostgreSQL's backends leave the postmaster's process
     * group (each calls setsid). Returns false when the process is not running.
     */
    public boolean signal(String name, String signal) {
        Optional<ProcessHandle> handle = running(name);
        handle.ifPresent(h -> {
            signalGroup(h, signal);
            List<String> command = new ArrayList<>(List.of("kill", "-" + signal, "--"));
            h.descendants().forEach(child -> command.add(Long.toString(child.pid())));
            if (command.size() > 3) {
                run(command);
            }
        });
        return handle.isPresent();
    }

    private void forget(String name) {
        try {
            Files.deleteIfExists(pidDir.resolve(name + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signalGroup(ProcessHandle handle, String signal) {
        // setsid made the process a group leader: its pgid is its pid.
        run(List.of("kill", "-" + signal, "--", "-" + handle.pid()));
    }

    private static void run(List<String> kill) {
        try {
            Process process = new ProcessBuilder(kill).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", kill), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (handle.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !handle.isAlive();
    }
}
