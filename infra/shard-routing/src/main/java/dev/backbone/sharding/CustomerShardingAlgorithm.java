package dev.backbone.sharding;

import java.util.Collection;
import java.util.Properties;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * ShardingSphere adapter for {@link ShardRouter}, configured as a {@code CLASS_BASED} algorithm so
 * that ShardingSphere and our own code can never disagree about where a customer lives. The shard
 * count is the number of data sources ShardingSphere offers.
 */
public final class CustomerShardingAlgorithm implements StandardShardingAlgorithm<String> {

    /** For configuration writers, which must not load ShardingSphere classes just to name this one. */
    public static final String CLASS_NAME = "dev.backbone.sharding.CustomerShardingAlgorithm";

    @Override
    public void init(Properties props) {
        // No properties: the shard count comes from the configured data sources.
    }

    @Override
    public String doSharding(Collection<String> availableTargetNames, PreciseShardingValue<String> shardingValue) {
        ShardId shard = new ShardRouter(availableTargetNames.size()).shardFor(shardingValue.getValue());
        String target = shard.dataSourceName();
        if (!availableTargetNames.contains(target)) {
            throw new IllegalStateException("shard " + target + " for customer '" + shardingValue.getValue()
                    + "' is not among the configured data sources " + availableTargetNames);
        }
        return target;
    }

    /** A range of customer ids has no locality under hashing: it touches every shard. */
    @Override
    public Collection<String> doSharding(Collection<String> availableTargetNames, RangeShardingValue<String> shardingValue) {
        return availableTargetNames;
    }

    @Override
    public String getType() {
        return "BACKBONE_CUSTOMER_CRC32";
    }
}
