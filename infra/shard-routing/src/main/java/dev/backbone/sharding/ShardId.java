package dev.backbone.sharding;

/**
 * A PostgreSQL shard, numbered from 0. Its ShardingSphere data source is named {@code shard_<n>}.
 *
 * @param index zero-based shard number
 */
public record ShardId(int index) implements Comparable<ShardId> {

    private static final String DATA_SOURCE_PREFIX = "shard_";

    public ShardId {
        if (index < 0) {
            throw new IllegalArgumentException("shard index must be >= 0, but was " + index);
        }
    }

    /** The logical data source name used in the ShardingSphere configuration. */
    public String dataSourceName() {
        return DATA_SOURCE_PREFIX + index;
    }

    /** Parses a data source name such as {@code shard_1}. */
    public static ShardId fromDataSourceName(String name) {
        if (name == null || !name.startsWith(DATA_SOURCE_PREFIX)) {
            throw new IllegalArgumentException("not a shard data source name: '" + name + "' (expected shard_<n>)");
        }
        return new ShardId(Integer.parseInt(name.substring(DATA_SOURCE_PREFIX.length())));
    }

    @Override
    public int compareTo(ShardId other) {
        return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return dataSourceName();
    }
}
