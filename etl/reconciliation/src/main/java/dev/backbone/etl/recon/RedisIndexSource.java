package dev.backbone.etl.recon;

import dev.backbone.index.IndexKeys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The index as Redis holds it, read with SCAN/ZSCAN (never KEYS: the server keeps serving), values
 * fetched with MGET in batches. Memory stays bounded: a full pass keeps only segment checksums.
 */
final class RedisIndexSource {

    private static final int BATCH = 1_000;

    private final RedisCommands<String, String> redis;
    private final IndexKeys keys;

    RedisIndexSource(RedisCommands<String, String> redis, IndexKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    SegmentChecksums checksums(IndexFamily family) {
        SegmentChecksums sums = new SegmentChecksums();
        scan(family, sums::add);
        return sums;
    }

    Map<String, String> entries(IndexFamily family, Collection<Integer> segments) {
        Set<Integer> wanted = new HashSet<>(segments);
        Map<String, String> entries = new HashMap<>();
        scan(family, (key, value) -> {
            if (wanted.contains(EntryDigest.segment(key))) {
                entries.put(key, value);
            }
        });
        return entries;
    }

    Optional<String> valueNow(IndexFamily family, String relativeKey) {
        if (family != IndexFamily.ORDER_STATUS) {
            return Optional.ofNullable(redis.get(keys.prefix() + relativeKey));
        }
        StatusMember member = StatusMember.parse(relativeKey);
        Double score = redis.zscore(keys.ordersByStatus(member.status()), member.orderId());
        return Optional.ofNullable(score).map(s -> Long.toString(s.longValue()));
    }

    /** Visits every entry of the family as (relative key, value). */
    void scan(IndexFamily family, BiConsumer<String, String> visitor) {
        switch (family) {
            case EMAIL -> scanStrings(keys.emailPattern(), visitor);
            case ORDER -> scanStrings(keys.orderPattern(), visitor);
            case ORDER_STATUS -> scanStatusSets(visitor);
        }
    }

    private void scanStrings(String pattern, BiConsumer<String, String> visitor) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(BATCH);
        KeyScanCursor<String> cursor = redis.scan(args);
        while (true) {
            List<String> batch = cursor.getKeys();
            if (!batch.isEmpty()) {
                for (KeyValue<String, String> kv : redis.mget(batch.toArray(String[]::new))) {
                    if (kv.hasValue()) { // deleted between SCAN and MGET: not there any more
                        visitor.accept(keys.relative(kv.getKey()), kv.getValue());
                    }
                }
            }
            if (cursor.isFinished()) {
                return;
            }
            cursor = redis.scan(cursor, args);
        }
    }

    private void scanStatusSets(BiConsumer<String, String> visitor) {
        ScanArgs args = ScanArgs.Builder.matches(keys.ordersByStatusPattern()).limit(BATCH);
        KeyScanCursor<String> cursor = redis.scan(args);
        while (true) {
            for (String setKey : cursor.getKeys()) {
                String status = keys.statusOf(setKey).orElseThrow();
                ScanCursor memberCursor = ScanCursor.INITIAL;
                ScoredValueScanCursor<String> members;
                do {
                    members = redis.zscan(setKey, memberCursor, ScanArgs.Builder.limit(BATCH));
                    for (ScoredValue<String> member : members.getValues()) {
                        visitor.accept(new StatusMember(status, member.getValue()).relativeKey(),
                                Long.toString((long) member.getScore()));
                    }
                    memberCursor = members;
                } while (!members.isFinished());
            }
            if (cursor.isFinished()) {
                return;
            }
            cursor = redis.scan(cursor, args);
        }
    }

    /** A member of a status set as a pseudo-entry key: {@code orders:status:<STATUS>|<order id>}. */
    record StatusMember(String status, String orderId) {

        private static final String HEAD = "orders:status:";

        String relativeKey() {
            return HEAD + status + "|" + orderId;
        }

        static StatusMember parse(String relativeKey) {
            int bar = relativeKey.indexOf('|');
            if (!relativeKey.startsWith(HEAD) || bar < 0) {
                throw new IllegalArgumentException("not a status-set entry: " + relativeKey);
            }
            return new StatusMember(relativeKey.substring(HEAD.length(), bar), relativeKey.substring(bar + 1));
        }
    }
}
