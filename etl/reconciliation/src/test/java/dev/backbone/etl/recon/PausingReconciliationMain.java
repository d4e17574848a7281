package dev.backbone.etl.recon;

import dev.backbone.sharding.ShardId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link ReconResumeIT}: starts a log-check run and, once {@code pauseAfter} units
 * are recorded, writes a marker file and blocks — holding the run as a live process does — until the
 * test kills it with SIGKILL.
 *
 * <p>Arguments: warehouse JDBC URL, Redis URI, Kafka bootstrap servers, customer-id prefix, passes,
 * {@code repair|dry-run}, pauseAfter, marker file, the Streams application id whose state changelogs it reads,
 * then every shard's JDBC URL in shard order (one
 * argument each: a multi-host URL holds commas).
 */
final class PausingReconciliationMain {

    private PausingReconciliationMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<ShardId, String> shards = new LinkedHashMap<>();
        for (int i = 9; i < args.length; i++) {
            shards.put(new ShardId(i - 9), args[i]);
        }
        ReconSettings settings = new ReconSettings(shards, args[0], "backbone", "", args[1], "unused:", Duration.ofSeconds(5));
        ChangeLogSettings log = new ChangeLogSettings(args[2], Integer.parseInt(args[4]), Duration.ofMinutes(1)).withApplicationId(args[8]);
        ReconOptions options = new ReconOptions(Set.of(Check.LOG), args[5].equals("repair"), log, null, args[3]);
        int pauseAfter = Integer.parseInt(args[6]);
        Path marker = Path.of(args[7]);
        AtomicInteger finished = new AtomicInteger();
        ReconListener pausing = new ReconListener() {
            @Override
            public void checkStarted(Check check, int units, int unitsDone, long entriesDone) {
            }

            @Override
            public void unitFinished(UnitOutcome unit) {
                System.out.println("recorded " + unit.unit() + ": " + unit.discrepancies().size() + " discrepancies");
                if (finished.incrementAndGet() == pauseAfter) {
                    try {
                        Files.writeString(marker, unit.unit().toString());
                        System.out.println("paused; waiting to be killed");
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while paused", e);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void checkFinished(CheckOutcome outcome) {
            }

            @Override
            public void detail(String line) {
                System.out.println(line);
            }
        };
        new Reconciler(settings, pausing).run(options);
        System.out.println("finished without pausing: fewer than " + pauseAfter + " units");
    }
}
