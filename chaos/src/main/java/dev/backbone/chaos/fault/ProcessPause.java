package dev.backbone.chaos.fault;

import dev.backbone.stack.process.ManagedProcesses;
import java.time.Duration;
import java.util.List;

/**
 * Latency injected into real servers without a proxy: their whole process groups are frozen
 * (SIGSTOP) for {@code stopped} of every {@code period} and thawed (SIGCONT) for the rest, so every
 * request they serve waits, like a host stalling under a noisy neighbour. {@link #close()} always
 * leaves them running.
 */
public final class ProcessPause implements AutoCloseable {

    private final ManagedProcesses processes;
    private final List<String> names;
    private final Duration stopped;
    private final Duration period;
    private final Thread thread;
    private volatile boolean running = true;

    public ProcessPause(ManagedProcesses processes, List<String> names, Duration stopped, Duration period) {
        if (stopped.isNegative() || stopped.compareTo(period) >= 0) {
            throw new IllegalArgumentException("stopped must be >= 0 and shorter than period, but was " + stopped + " of " + period);
        }
        this.processes = processes;
        this.names = List.copyOf(names);
        this.stopped = stopped;
        this.period = period;
        this.thread = new Thread(this::run, "chaos-pause");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                names.forEach(n -> processes.signal(n, "STOP"));
                Thread.sleep(stopped.toMillis());
                names.forEach(n -> processes.signal(n, "CONT"));
                Thread.sleep(period.minus(stopped).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            names.forEach(n -> processes.signal(n, "CONT"));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            names.forEach(n -> processes.signal(n, "CONT"));
        }
    }
}
