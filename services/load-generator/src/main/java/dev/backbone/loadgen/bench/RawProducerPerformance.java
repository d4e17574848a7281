package dev.backbone.loadgen.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ProducerPerformance}, run as a child JVM on the broker
 * distribution's classpath: the baseline the SDK is compared with.
 */
final class RawProducerPerformance {

    // "100000 records sent, 45000.1 records/sec (12.87 MB/sec), 300.00 ms avg latency, 900.00 ms max latency,
    //  250 ms 50th, 700 ms 95th, 850 ms 99th, 890 ms 99.9th."
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private final Path kafkaLibDir;
    private final Consumer<String> out;

    RawProducerPerformance(Path kafkaLibDir, Consumer<String> out) {
        this.kafkaLibDir = kafkaLibDir;
        this.out = out;
    }

    Measurement run(String bootstrapServers, String topic, int records, int recordSize, List<String> producerProps) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + PublishBenchmarkJvm.RAW_HEAP, "-XX:MaxNewSize=" + PublishBenchmarkJvm.YOUNG_GENERATION, "-cp", kafkaLibDir.toAbsolutePath() + "/*", "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Integer.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrapServers));
        command.addAll(producerProps);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ProducerPerformance from " + kafkaLibDir, e);
        }
        String summary = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("SLF4J")) { // the broker distribution has no SLF4J provider: noise
                    out.accept("  raw: " + line);
                }
                if (SUMMARY.matcher(line).find()) {
                    summary = line;
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ProducerPerformance failed (exit " + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ProducerPerformance output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ProducerPerformance ran", e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (summary == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary line");
        }
        return parse(summary);
    }

    static Measurement parse(String line) {
        Matcher m = SUMMARY.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("not a ProducerPerformance summary: " + line);
        }
        long records = Long.parseLong(m.group(1));
        double rate = Double.parseDouble(m.group(2));
        return new Measurement("raw ProducerPerformance", records, rate > 0 ? records / rate : 0, Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)), Double.parseDouble(m.group(8)),
                Double.parseDouble(m.group(5)), Measurement.UNKNOWN, Measurement.UNKNOWN);
    }
}
