package dev.backbone.etl.recon;

import dev.backbone.etl.recon.RedisIndexSource.StatusMember;
import dev.backbone.index.IndexKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Repairs one entry with compare-and-set scripts: the change applies only if Redis still holds the
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

    private final RedisCommands<String, String> redis;
    private final IndexKeys keys;

    IndexRepairer(RedisCommands<String, String> redis, IndexKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Sets the entry to {@code expected} (null: remove it) if it still holds {@code observed} (null: absent). */
    boolean repair(IndexFamily family, String relativeKey, String observed, String expected) {
        String seen = observed == null ? "" : observed;
        String target = expected == null ? "" : expected;
        Long applied;
        if (family == IndexFamily.ORDER_STATUS) {
            StatusMember member = StatusMember.parse(relativeKey);
            applied = redis.eval(ZSET_CAS, ScriptOutputType.INTEGER,
                    new String[] {keys.ordersByStatus(member.status())}, member.orderId(), seen, target);
        } else {
            applied = redis.eval(STRING_CAS, ScriptOutputType.INTEGER, new String[] {keys.prefix() + relativeKey}, seen, target);
        }
        return applied != null && applied == 1L;
    }
}
