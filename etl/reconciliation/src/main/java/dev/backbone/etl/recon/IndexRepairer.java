package dev.backbone.etl.recon;

import dev.backbone.etl.recon.RedisIndexSource.StatusMember;
import dev.backbone.index.IndexKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Repairs index entries with compare-and-set scripts, a batch per round trip: the change applies only if Redis still holds the
 * value the reconciliation observed, so a concurrent write by the index sink is never overwritten
 * with older knowledge. An empty string stands for "absent" (ids and scores are never empty).
 */
final class IndexRepairer {

    private static final String STRING_CAS = """
            local current = redis.call('GET', KEYS[1])
            if (current == false and ARGV[1] == '') or current == ARGV[1] then
              if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
              return 1
            end
            return 0""";
    private static final String ZSET_CAS = """
            local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if (current == false and ARGV[2] == '') or (current ~= false and tonumber(current) == tonumber(ARGV[2])) then
              if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
              return 1
            end
            return 0""";

    private final RedisAsyncCommands<String, String> redis;
    private final IndexKeys keys;
    private final Duration timeout;

    /** @param timeout how long one pipelined batch of repairs may take */
    IndexRepairer(RedisAsyncCommands<String, String> redis, IndexKeys keys, Duration timeout) {
        this.redis = redis;
        this.keys = keys;
        this.timeout = timeout;
    }

    /**
     * Repairs a batch of discrepancies of one family in one pipelined round trip, each to its expected
     * value (null: remove) if Redis still holds what was found (null: absent). Conflicts between shards
     * are not repaired: there is no single expected value.
     *
     * @return the discrepancies, each marked with whether its compare-and-set applied
     */
    List<Discrepancy> repairAll(IndexFamily family, List<Discrepancy> found) {
        List<CompletableFuture<Long>> applied = new ArrayList<>(found.size());
        for (Discrepancy discrepancy : found) {
            applied.add(discrepancy.kind() == Discrepancy.Kind.CONFLICT ? CompletableFuture.completedFuture(0L)
                    : compareAndSet(family, discrepancy.key(), discrepancy.found(), discrepancy.expected()));
        }
        RedisPipeline.await(applied, timeout);
        List<Discrepancy> result = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            Long outcome = applied.get(i).join();
            result.add(found.get(i).withRepaired(outcome != null && outcome == 1L));
        }
        return result;
    }

    /** Sets one entry to {@code expected} (null: remove it) if it still holds {@code observed} (null: absent). */
    boolean repair(IndexFamily family, String relativeKey, String observed, String expected) {
        CompletableFuture<Long> applied = compareAndSet(family, relativeKey, observed, expected);
        RedisPipeline.await(List.of(applied), timeout);
        Long outcome = applied.join();
        return outcome != null && outcome == 1L;
    }

    private CompletableFuture<Long> compareAndSet(IndexFamily family, String relativeKey, String observed, String expected) {
        String seen = observed == null ? "" : observed;
        String target = expected == null ? "" : expected;
        if (family == IndexFamily.ORDER_STATUS) {
            StatusMember member = StatusMember.parse(relativeKey);
            return redis.<Long>eval(ZSET_CAS, ScriptOutputType.INTEGER,
                    new String[] {keys.ordersByStatus(member.status())}, member.orderId(), seen, target).toCompletableFuture();
        }
        return redis.<Long>eval(STRING_CAS, ScriptOutputType.INTEGER, new String[] {keys.prefix() + relativeKey}, seen, target)
                .toCompletableFuture();
    }
}
