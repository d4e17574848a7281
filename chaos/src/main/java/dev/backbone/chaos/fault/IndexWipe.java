package dev.backbone.chaos.fault;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/** Deletes every Redis index key under a prefix (through Sentinel, on the current primary): the index as lost. */
public final class IndexWipe {

    private static final int BATCH = 1_000;

    private IndexWipe() {
    }

    /** Returns how many keys were deleted. */
    public static long wipe(String sentinelUri, String keyPrefix) {
        RedisURI uri = RedisURI.create(sentinelUri);
        uri.setTimeout(Duration.ofSeconds(10));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs match = ScanArgs.Builder.matches(keyPrefix.replace("*", "\\*") + "*").limit(BATCH);
            do {
                KeyScanCursor<String> page = redis.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    deleted += redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        } finally {
            client.shutdown();
        }
    }
}
