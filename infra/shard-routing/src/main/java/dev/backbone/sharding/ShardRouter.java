package dev.backbone.sharding;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Maps a customer id to the shard that owns the customer and everything keyed by it (orders,
 * payments). The function is CRC-32 of the id's UTF-8 bytes modulo the shard count: stable across
 * JVMs, languages and releases, so rows never move unless the shard count changes.
 */
public final class ShardRouter {

    private final int shardCount;

    public ShardRouter(int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be >= 1, but was " + shardCount);
        }
        this.shardCount = shardCount;
    }

    public ShardId shardFor(String customerId) {
        if (customerId == null || customerId.isEmpty()) {
            throw new IllegalArgumentException("customerId must not be empty");
        }
        CRC32 crc = new CRC32();
        crc.update(customerId.getBytes(StandardCharsets.UTF_8));
        return new ShardId((int) (crc.getValue() % shardCount));
    }

    public int shardCount() {
        return shardCount;
    }

    public List<ShardId> allShards() {
        return IntStream.range(0, shardCount).mapToObj(ShardId::new).toList();
    }
}
