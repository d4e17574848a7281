package dev.backbone.index;

/**
 * The Lua scripts that repair index entries without racing the index sink: a change applies only
 * if Redis still holds the value the repairer observed, so a concurrent write by the sink is never
 * overwritten with older knowledge. One source for every repairer (reconciliation, the query
 * service). An empty string stands for "absent" (ids and scores are never empty). Each returns 1
 * when it applied, 0 when the entry had changed.
 */
public final class IndexScripts {

    /**
     * String entry ({@code email:}, {@code order:}). KEYS[1] = the full key; ARGV[1] = the observed
     * value ('' = absent); ARGV[2] = the value to set ('' = delete).
     */
    public static final String STRING_COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if (current == false and ARGV[1] == '') or current == ARGV[1] then
              if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
              return 1
            end
            return 0""";

    /**
     * Member of a status set ({@code orders:status:}). KEYS[1] = the set's full key; ARGV[1] = the
     * order id; ARGV[2] = the observed score ('' = absent); ARGV[3] = the score to set ('' = remove).
     */
    public static final String STATUS_MEMBER_COMPARE_AND_SET = """
            local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if (current == false and ARGV[2] == '') or (current ~= false and tonumber(current) == tonumber(ARGV[2])) then
              if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
              return 1
            end
            return 0""";

    private IndexScripts() {
    }
}
