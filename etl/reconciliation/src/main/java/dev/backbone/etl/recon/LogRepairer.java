package dev.backbone.etl.recon;

import dev.backbone.etl.recon.LogDerivedState.LatestState;
import dev.backbone.etl.recon.LogDerivedState.StoredRow;
import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import dev.backbone.topology.shard.JdbcShardWriter;
import dev.backbone.topology.shard.ShardBatch;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Re-applies the latest stored state of entities (read again from the state changelogs) to their
 * owning shards through the shard sink's own writer ({@link JdbcShardWriter}: one transaction per
 * shard, version-guarded upserts). A row the pipeline made newer meanwhile is left alone by the guard,
 * so a repair is idempotent and safe while the pipeline runs; either way the row reflects at least the
 * stored version afterwards.
 */
final class LogRepairer {

    private final LogDerivedState log;
    private final Map<ShardId, String> shardUrls;
    private final String user;
    private final String password;
    private final ShardRouter router;

    LogRepairer(LogDerivedState log, Map<ShardId, String> shardUrls, String user, String password) {
        this.log = log;
        this.shardUrls = shardUrls;
        this.user = user;
        this.password = password;
        this.router = new ShardRouter(shardUrls.size());
    }

    /**
     * Repairs {@code toRepair} and marks the outcome on {@code drift}: a discrepancy {@code attempted}
     * says was repaired is marked repaired, or carries the error when its shard write failed; the
     * others are returned as they are.
     */
    List<Discrepancy> repair(List<Discrepancy> drift, Collection<LatestState> toRepair, Predicate<Discrepancy> attempted) {
        if (toRepair.isEmpty()) {
            return drift;
        }
        Map<String, String> failed = apply(toRepair);
        List<Discrepancy> result = new ArrayList<>(drift.size());
        for (Discrepancy d : drift) {
            if (!attempted.test(d)) {
                result.add(d);
            } else if (failed.containsKey(d.key())) {
                result.add(d.withNote(failed.get(d.key())));
            } else {
                result.add(d.withRepaired(true));
            }
        }
        return result;
    }

    /**
     * Writes the stored states' rows, a batch per shard.
     *
     * @return the keys whose shard write failed, with the error (empty when all applied)
     */
    Map<String, String> apply(Collection<LatestState> states) {
        Map<ShardId, ShardBatch> batches = new HashMap<>();
        Map<ShardId, Set<String>> keysByShard = new HashMap<>();
        for (Map.Entry<String, StoredRow> row : log.fetch(states).entrySet()) {
            ShardId shard = router.shardFor(row.getValue().ref().customerId());
            row.getValue().addTo().accept(batches.computeIfAbsent(shard, s -> new ShardBatch()));
            keysByShard.computeIfAbsent(shard, s -> new TreeSet<>()).add(row.getKey());
        }
        Map<String, String> failed = new HashMap<>();
        batches.forEach((shard, batch) -> {
            try (JdbcShardWriter writer = new JdbcShardWriter(JdbcShardWriter.dataSource(shardUrls.get(shard), user, password))) {
                writer.write(batch);
            } catch (SQLException e) {
                keysByShard.get(shard).forEach(key -> failed.put(key, "repair failed on " + shard + ": " + e.getMessage()));
            }
        });
        return failed;
    }
}
