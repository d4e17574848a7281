package dev.backbone.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the local stack, the drills and the tests start a JVM: the running JDK's {@code java}, a heap
 * cap, and flags for a machine that is shared by a dozen processes on two cores.
 *
 * <p>Why C1 only ({@code -XX:TieredStopAtLevel=1}): measured on the local stack at 60 events/s, the
 * Streams app spent two thirds of its CPU in the C2 compiler during its first minutes (0.62 of a core
 * in all; 0.19 with C1 only), and drills restart it every few minutes. The local load is far from
 * what C2's faster code would be needed for; production images use the JDK's defaults.
 */
public final class LocalJvm {

    private LocalJvm() {
    }

    /** {@code java} of the JDK this process runs on. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The start of a command line: {@code java}, {@code -Xmx<maxHeap>}, the serial collector (no GC
     * threads to compete for the cores) and C1 only.
     *
     * @param maxHeap e.g. {@code 512m}
     */
    public static List<String> command(String maxHeap) {
        return new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    /**
     * Like {@link #command} but with the JDK's default tiered compilation (C2 included), as in
     * production: for a benchmark that measures an application after its warm-up, not a drill that
     * restarts it every few minutes.
     *
     * @param maxHeap e.g. {@code 512m}
     */
    public static List<String> benchmarkCommand(String maxHeap) {
        return new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap, "-XX:+UseSerialGC"));
    }
}
