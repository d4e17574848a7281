package dev.backbone.etl.recon;

import dev.backbone.sharding.ShardId;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The index as the shard rows imply it, computed inside PostgreSQL: only segment checksums travel
 * for the whole data set, and rows only for the segments that differ. Shards are read in parallel.
 */
final class ShardIndexSource {

    /** An expected value and the shard whose row implies it. */
    record Expected(String value, ShardId shard) {
    }

    private final ShardFanOut fanOut;

    ShardIndexSource(ShardFanOut fanOut) {
        this.fanOut = fanOut;
    }

    SegmentChecksums checksums(IndexFamily family) {
        SegmentChecksums sums = new SegmentChecksums();
        String sql = "SELECT seg, bit_xor(chk), count(*) FROM (SELECT " + EntryDigest.SQL_SEGMENT + " AS seg, "
                + EntryDigest.SQL_CHECKSUM + " AS chk FROM (" + family.expectedEntriesSql() + ") e) x GROUP BY seg";
        forEachShard((shard, c) -> {
            try (PreparedStatement query = c.prepareStatement(sql); ResultSet rs = query.executeQuery()) {
                List<long[]> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3)});
                }
                synchronized (sums) {
                    rows.forEach(r -> sums.merge((int) r[0], r[1], r[2]));
                }
            }
        });
        return sums;
    }

    /** Expected entries of the given segments, by relative key (more than one value is a conflict). */
    Map<String, List<Expected>> entries(IndexFamily family, Collection<Integer> segments) {
        Map<String, List<Expected>> entries = new HashMap<>();
        String sql = "SELECT k, v FROM (" + family.expectedEntriesSql() + ") e WHERE " + EntryDigest.SQL_SEGMENT + " = ANY (?)";
        forEachShard((shard, c) -> {
            Array segmentArray = c.createArrayOf("int4", segments.toArray());
            try (PreparedStatement query = c.prepareStatement(sql)) {
                query.setArray(1, segmentArray);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        Expected expected = new Expected(rs.getString(2), shard);
                        synchronized (entries) {
                            entries.computeIfAbsent(key, k -> new ArrayList<>()).add(expected);
                        }
                    }
                }
            }
        });
        return entries;
    }

    /** The expected entries of these keys right now (re-checked before reporting or repairing), by key. */
    Map<String, List<Expected>> expectedNow(IndexFamily family, Collection<String> relativeKeys) {
        Map<String, List<Expected>> entries = new HashMap<>();
        Object[] ids = relativeKeys.stream().map(family::naturalId).distinct().toArray();
        forEachShard((shard, c) -> {
            try (PreparedStatement query = c.prepareStatement(family.expectedByIdsSql())) {
                query.setArray(1, c.createArrayOf("text", ids));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        Expected expected = new Expected(rs.getString(2), shard);
                        synchronized (entries) {
                            entries.computeIfAbsent(key, k -> new ArrayList<>()).add(expected);
                        }
                    }
                }
            }
        });
        return entries;
    }

    private void forEachShard(ShardFanOut.ShardWork work) {
        fanOut.forEachShard("read index data", work);
    }
}
