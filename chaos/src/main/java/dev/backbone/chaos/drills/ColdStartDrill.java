package dev.backbone.chaos.drills;

import dev.backbone.chaos.Drill;
import dev.backbone.chaos.DrillContext;
import dev.backbone.chaos.apps.BackboneApps;
import dev.backbone.chaos.fault.IndexWipe;
import dev.backbone.chaos.verify.Verifier;
import dev.backbone.etl.recon.ReconReport;
import dev.backbone.etl.recon.Reconciler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Seeds 000/002 cold start: the Streams app loses its local state and Redis loses the index. The
 * app rebuilds its stores from the changelog topics, reconciliation rebuilds the index from the
 * shard rows, and events published meanwhile wait in Kafka.
 */
public final class ColdStartDrill implements Drill {

    @Override
    public String name() {
        return "cold-start";
    }

    @Override
    public String expectation() {
        return "Streams local state and the Redis index wiped: state stores restore from their changelogs, the index is "
                + "rebuilt from the shards, events published meanwhile buffer in Kafka and are not lost.";
    }

    @Override
    public void run(DrillContext context) throws Exception {
        BackboneApps apps = context.apps();
        apps.stop(BackboneApps.streamsName(0));
        context.mark(BackboneApps.streamsName(0) + " stopped");
        Path state = apps.streamsStateDir(0);
        deleteTree(state);
        context.mark("local state wiped: " + state);
        long keys = IndexWipe.wipe(context.stack().layout().redisSentinelUri(), apps.settings().indexPrefix());
        context.mark(String.format("Redis index wiped: %,d keys deleted", keys));
        context.hold();
        context.timeline().phase("heal");
        Instant restart = Instant.now();
        apps.startStreamsApp(0);
        context.figure("state restore (restart to ready, stores rebuilt from changelogs)", Duration.between(restart, Instant.now()));
        Instant rebuild = Instant.now();
        ReconReport repair = new Reconciler(Verifier.reconSettings(context.stack().layout(), apps.settings().indexPrefix()), line -> { })
                .run(true);
        context.figure("index rebuild from the shards (reconciliation --repair)", Duration.between(rebuild, Instant.now()));
        context.figure("index entries repaired", String.format("%,d of %,d checked, %d unrepaired",
                repair.discrepancies().size(), repair.entriesChecked(), repair.unrepaired()));
        context.figure("reconstruction time (restart to index rebuilt)", Duration.between(restart, Instant.now()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
