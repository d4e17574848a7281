package dev.backbone.etl.recon;

import dev.backbone.sharding.ShardId;
import dev.backbone.sharding.ShardRouter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shard side of the log check, computed inside PostgreSQL on every shard in parallel: segment
 * checksums of (entity, version, deletion) for the whole scope, rows only for the segments that
 * differ, and point reads by primary key for the re-check.
 */
final class ShardRowSource {

    /** A shard row and the shard it was read from. */
    record ShardRow(EntityRef ref, RowVersion row, ShardId shard) {
    }

    private static final int ID_BATCH = 10_000;

    private final ShardFanOut fanOut;
    private final ShardRouter router;
    private final String likePattern;

    /** @param idPrefix only rows of customers whose id starts with this ("" for all) */
    ShardRowSource(ShardFanOut fanOut, String idPrefix) {
        this.fanOut = fanOut;
        this.router = new ShardRouter(fanOut.shardUrls().size());
        this.likePattern = EntityFamily.likePrefix(idPrefix);
    }

    SegmentChecksums checksums(EntityFamily family) {
        SegmentChecksums sums = new SegmentChecksums();
        fanOut.forEachShard("compute " + family.label() + " row checksums", (shard, c) -> {
            List<long[]> rows = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(family.checksumSql())) {
                query.setString(1, likePattern);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            synchronized (sums) {
                rows.forEach(r -> sums.merge((int) r[0], r[1], r[2]));
            }
        });
        return sums;
    }

    /** Rows in the given segments, by entity key. */
    Map<String, ShardRow> rows(EntityFamily family, Collection<Integer> segments) {
        Map<String, ShardRow> rows = new HashMap<>();
        fanOut.forEachShard("read " + family.label() + " rows", (shard, c) -> {
            try (PreparedStatement query = c.prepareStatement(family.rowsInSegmentsSql())) {
                query.setString(1, likePattern);
                query.setArray(2, c.createArrayOf("int4", segments.toArray()));
                collect(family, shard, query, rows, null);
            }
        });
        return rows;
    }

    /** The rows of these entities in their owning shards right now, by entity key; absent rows have no mapping. */
    Map<String, ShardRow> rowsNow(EntityFamily family, Collection<EntityRef> refs) {
        Map<ShardId, List<EntityRef>> byShard = new HashMap<>();
        for (EntityRef ref : refs) {
            byShard.computeIfAbsent(router.shardFor(ref.customerId()), s -> new ArrayList<>()).add(ref);
        }
        Map<String, ShardRow> rows = new HashMap<>();
        fanOut.forEachShard("re-read " + family.label() + " rows", (shard, c) -> {
            List<EntityRef> mine = byShard.getOrDefault(shard, List.of());
            for (int from = 0; from < mine.size(); from += ID_BATCH) {
                List<EntityRef> batch = mine.subList(from, Math.min(mine.size(), from + ID_BATCH));
                read(family, shard, c, batch, rows);
            }
        });
        return rows;
    }

    private void read(EntityFamily family, ShardId shard, Connection c, List<EntityRef> batch, Map<String, ShardRow> rows)
            throws SQLException {
        Set<String> wanted = new HashSet<>();
        batch.forEach(ref -> wanted.add(ref.key()));
        try (PreparedStatement query = c.prepareStatement(family.rowsByIdSql())) {
            query.setString(1, likePattern);
            query.setArray(2, c.createArrayOf("text", batch.stream().map(EntityRef::customerId).distinct().toArray()));
            if (family.ownsId()) {
                query.setArray(3, c.createArrayOf("text", batch.stream().map(EntityRef::entityId).distinct().toArray()));
            }
            collect(family, shard, query, rows, wanted);
        }
    }

    private static void collect(EntityFamily family, ShardId shard, PreparedStatement query, Map<String, ShardRow> rows,
                                Set<String> wanted) throws SQLException {
        List<ShardRow> found = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                EntityRef ref = new EntityRef(family, rs.getString(1), rs.getString(2));
                if (wanted == null || wanted.contains(ref.key())) {
                    found.add(new ShardRow(ref, new RowVersion(rs.getLong(3), rs.getBoolean(4)), shard));
                }
            }
        }
        synchronized (rows) {
            found.forEach(r -> rows.put(r.ref().key(), r));
        }
    }
}
