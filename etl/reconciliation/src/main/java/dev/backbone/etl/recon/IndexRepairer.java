package dev.backbone.etl.recon;

import dev.backbone.etl.recon.RedisIndexSource.StatusMember;
import dev.backbone.index.IndexKeys;
import dev.backbone.index.IndexScripts;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Repairs index entries with the compare-and-set {@link IndexScripts}, a batch per round trip: the
 * change applies only if Redis still holds the value the reconciliation observed.
 */
final class IndexRepairer {

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
            return redis.<Long>eval(IndexScripts.STATUS_MEMBER_COMPARE_AND_SET, ScriptOutputType.INTEGER,
                    new String[] {keys.ordersByStatus(member.status())}, member.orderId(), seen, target).toCompletableFuture();
        }
        return redis.<Long>eval(IndexScripts.STRING_COMPARE_AND_SET, ScriptOutputType.INTEGER, new String[] {keys.prefix() + relativeKey}, seen, target)
                .toCompletableFuture();
    }
}
