package dev.backbone.etl.recon;

import dev.backbone.index.IndexKeys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The index as Redis holds it, read with SCAN/ZSCAN (never KEYS: the server keeps serving), values
 * fetched with MGET in batches. Memory stays bounded: a full pass keeps only segment checksums.
 */
final class RedisIndexSource {

    private static final int BATCH = 1_000;

    private final RedisCommands<String, String> redis;
    private final IndexKeys keys;
    private final Duration timeout;

    /** @param timeout how long one pipelined batch of reads may take */
    RedisIndexSource(RedisCommands<String, String> redis, IndexKeys keys, Duration timeout) {
        this.redis = redis;
        this.keys = keys;
        this.timeout = timeout;
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

    /** The values the entries hold now (absent entries have no mapping), read in one pipelined round trip. */
    Map<String, String> valuesNow(IndexFamily family, List<String> relativeKeys) {
        RedisAsyncCommands<String, String> async = redis.getStatefulConnection().async();
        Map<String, CompletableFuture<String>> reads = new LinkedHashMap<>();
        for (String key : relativeKeys) {
            if (family != IndexFamily.ORDER_STATUS) {
                reads.put(key, async.get(keys.prefix() + key).toCompletableFuture());
            } else {
                StatusMember member = StatusMember.parse(key);
                reads.put(key, async.zscore(keys.ordersByStatus(member.status()), member.orderId())
                        .thenApply(score -> score == null ? null : Long.toString(score.longValue())).toCompletableFuture());
            }
        }
        RedisPipeline.await(reads.values(), timeout);
        Map<String, String> values = new HashMap<>();
        reads.forEach((key, read) -> {
            String value = read.join();
            if (value != null) {
                values.put(key, value);
            }
        });
        return values;
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
