package dev.backbone.chaos;

import dev.backbone.chaos.apps.AppsSettings;
import dev.backbone.chaos.timeline.PipelineLag;
import dev.backbone.stack.kafka.KafkaRetries;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Starts a fresh application id at the end of its input topics, as a new deployment of the app
 * would be: the shared test stack's topics already hold every other module's events, which a drill
 * must not wait for.
 */
final class GroupOffsets {

    private static final Duration RETRY_FOR = Duration.ofSeconds(60);

    private GroupOffsets() {
    }

    static void startAtEnd(Admin admin, AppsSettings apps) throws Exception {
        commitEnd(admin, apps.streamsGroup(), PipelineLag.DOMAIN_TOPICS);
        commitEnd(admin, apps.shardSinkGroup(), PipelineLag.SHARD_SINK_TOPICS);
        commitEnd(admin, apps.indexSinkGroup(), PipelineLag.INDEX_SINK_TOPICS);
    }

    private static void commitEnd(Admin admin, String group, List<String> topics) throws Exception {
        KafkaRetries.whileRetriable(RETRY_FOR, () -> {
            tryCommitEnd(admin, group, topics);
            return null;
        });
    }

    private static void tryCommitEnd(Admin admin, String group, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo partition : description.partitions()) {
                latest.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
        admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
    }
}
