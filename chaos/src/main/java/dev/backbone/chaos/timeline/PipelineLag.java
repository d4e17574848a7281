package dev.backbone.chaos.timeline;

import java.util.List;
import java.util.Locale;

/**
 * The pipeline's lag at one moment, per consumer group: the Streams topology on the domain topics,
 * the shard sink and the index sink on the change topics. Each is {@link ConsumerLag#UNKNOWN} when it
 * could not be read.
 */
public record PipelineLag(long streams, long shardSink, long indexSink) {

    /** Domain topics the Streams topology consumes. */
    public static final List<String> DOMAIN_TOPICS = List.of("backbone.customers.v1", "backbone.orders.v1", "backbone.payments.v1");
    /** Change topics the shard sink consumes: every entity kind has shard rows. */
    public static final List<String> SHARD_SINK_TOPICS =
            List.of("backbone.customer-changes.v1", "backbone.order-changes.v1", "backbone.payment-changes.v1");
    /**
     * Change topics the index sink consumes: payments have no index entries, so its group never reads
     * (or commits) {@code backbone.payment-changes.v1}, and counting that topic would be lag forever.
     */
    public static final List<String> INDEX_SINK_TOPICS = List.of("backbone.customer-changes.v1", "backbone.order-changes.v1");
    /** Nothing read yet. */
    public static final PipelineLag UNKNOWN = new PipelineLag(ConsumerLag.UNKNOWN, ConsumerLag.UNKNOWN, ConsumerLag.UNKNOWN);

    /** All three groups together, or {@link ConsumerLag#UNKNOWN} if any is unknown. */
    public long total() {
        return streams < 0 || shardSink < 0 || indexSink < 0 ? ConsumerLag.UNKNOWN : streams + shardSink + indexSink;
    }

    /** Whether the lag is known and at most {@code threshold} (the drills' "caught up"). */
    public boolean atMost(long threshold) {
        long total = total();
        return total >= 0 && total <= threshold;
    }

    /** Events not yet folded plus changes not yet in the shards: what the volume-spike peak counts. */
    public long toShards() {
        return Math.max(streams, 0) + Math.max(shardSink, 0);
    }

    /** For reports and failure messages: {@code streams 12, shard sink 0, index sink 3}. */
    public String breakdown() {
        return "streams " + describe(streams) + ", shard sink " + describe(shardSink) + ", index sink " + describe(indexSink);
    }

    private static String describe(long lag) {
        return lag < 0 ? "unknown" : String.format(Locale.ROOT, "%,d", lag);
    }
}
