package dev.backbone.loadgen.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs {@link PublishBenchmark} in a JVM of its own whose young generation is capped like
 * ProducerPerformance's ({@link #YOUNG_GENERATION}), so the SDK and the raw tool are measured under
 * the same memory settings.
 *
 * <p>Why: the SDK allocates per event (JSON tree, encoded bytes), ProducerPerformance reuses one
 * payload. In a JVM with the default heap (a quarter of this machine's 24 GiB) G1 spreads that
 * allocation over gigabytes of young generation that were never touched, and every first touch of a
 * page is a page fault — on these VMs about 8 µs of kernel time each. Measured 2026-12-02: the
 * publishing thread took ~28,000 faults/s, 36 % of its CPU in the kernel, 50 µs of CPU per event;
 * in a 512 MiB heap 13.5 µs, and the SDK reached 0.96 of raw instead of 0.43 (docs/benchmarks.md).
 * What matters is the young generation, where that garbage lives: both JVMs cap it at the same size.
 * A service that publishes for hours has long touched its heap; a benchmark of seconds has not.
 */
public final class PublishBenchmarkJvm {

    /** ProducerPerformance's heap. */
    static final String RAW_HEAP = "512m";
    /** The young generation of both benchmark JVMs: where per-event garbage lives, touched once. */
    static final String YOUNG_GENERATION = "256m";
    /**
     * Heap the SDK phases' JVM adds per record: the raw phase with the SDK's records holds every
     * encoded record (value, key, eight headers) before its clock starts, about 1.2 KiB each.
     */
    private static final long PREPARED_BYTES_PER_RECORD = 1_536;

    /** The SDK phases' heap: ProducerPerformance's plus room for the prepared records. */
    static String sdkHeap(int records) {
        return (512 + records * PREPARED_BYTES_PER_RECORD / (1 << 20)) + "m";
    }

    private PublishBenchmarkJvm() {
    }

    /**
     * Runs {@code rounds} rounds, each in a fresh benchmark JVM with this JVM's class path (a fresh
     * JVM like ProducerPerformance's: a JVM kept for the next round would meet it with a warm JIT),
     * streams their output to {@code out}, then prints the medians of the rounds.
     *
     * @return 0 when every round ran, 2 for bad arguments, 1 when a round failed
     * @throws IllegalArgumentException for bad arguments, before anything runs
     */
    public static int run(String bootstrapServers, Path kafkaLibDir, Path workDir, int records, int bufferedRecords,
            int recordSize, int keys, int threads, int rounds, Consumer<String> out) throws InterruptedException {
        PublishBenchmark.checkArguments(keys, threads, rounds);
        List<PublishBenchResult.Round> done = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            if (rounds > 1) {
                out.accept(String.format(Locale.ROOT, "%n== round %d of %d ==", round, rounds));
            }
            Path results = workDir.resolveSibling(workDir.getFileName() + "-round-" + round + ".tsv");
            int exit = runOneRound(List.of(bootstrapServers, kafkaLibDir.toAbsolutePath().toString(),
                    workDir.toAbsolutePath().toString(), Integer.toString(records), Integer.toString(bufferedRecords),
                    Integer.toString(recordSize), Integer.toString(keys), Integer.toString(threads),
                    results.toAbsolutePath().toString()), records, out);
            if (exit != 0) {
                return exit;
            }
            done.add(readRound(results));
        }
        if (rounds > 1) {
            out.accept(String.format(Locale.ROOT, "%n== all %d rounds ==", rounds));
            PublishBenchmark.report(new PublishBenchResult(done), out);
        }
        return 0;
    }

    private static int runOneRound(List<String> arguments, int records, Consumer<String> out) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + sdkHeap(Math.max(records, 0)), "-XX:MaxNewSize=" + YOUNG_GENERATION, "-cp", System.getProperty("java.class.path"),
                // the buffered phase talks to an unreachable Kafka on purpose: its connection and drain warnings are expected
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error",
                "-Dorg.slf4j.simpleLogger.log.dev.backbone.sdk=error", PublishBenchmarkJvm.class.getName()));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the publish benchmark's JVM", e);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.accept(line);
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the publish benchmark's output", e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** The round a benchmark JVM wrote to {@code results} (one {@link Measurement#tsv()} line per phase); deletes the file. */
    static PublishBenchResult.Round readRound(Path results) {
        try {
            List<Measurement> phases = Files.readAllLines(results, UTF_8).stream().map(Measurement::fromTsv).toList();
            Files.delete(results);
            if (phases.size() != 4) {
                throw new IllegalStateException(results + " holds " + phases.size() + " measurements, not the four phases of a round");
            }
            return new PublishBenchResult.Round(phases.get(0), phases.get(1), phases.get(2), phases.get(3));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the publish benchmark's results " + results, e);
        }
    }

    /** Writes a round's four phases for {@link #readRound}. */
    static void writeRound(PublishBenchResult.Round round, Path results) throws IOException {
        Files.write(results, round.measurements().stream().map(Measurement::tsv).toList(), UTF_8);
    }

    /**
     * {@code bootstrapServers kafkaLibDir workDir records bufferedRecords recordSize keys threads resultsFile}:
     * one round, as {@link #run} passes it; writes the round to {@code resultsFile}.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 9) {
            System.err.println("usage: PublishBenchmarkJvm <bootstrap> <kafka-lib-dir> <work-dir> <records> <buffered-records>"
                    + " <record-size> <keys> <threads> <results-file>");
            System.exit(2);
        }
        try {
            PublishBenchResult result = new PublishBenchmark(args[0], Path.of(args[1]), Path.of(args[2]), System.out::println)
                    .run(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                            Integer.parseInt(args[7]));
            writeRound(result.rounds().get(0), Path.of(args[8]));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("error: the publish benchmark failed: " + e);
            System.exit(1);
        }
    }
}
