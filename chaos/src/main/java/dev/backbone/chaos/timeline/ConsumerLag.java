package dev.backbone.chaos.timeline;

import dev.backbone.chaos.apps.AppsSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Consumer-group lag read the way an autoscaler reads it: end offsets minus committed offsets,
 * summed over the group's input topics. A partition the group never committed counts from its
 * log start. Short timeouts: while Kafka is down the answer is "unknown" (-1), quickly.
 */
public final class ConsumerLag implements AutoCloseable {

    /** Lag that could not be read (Kafka unreachable). */
    public static final long UNKNOWN = -1;
    private static final long TIMEOUT_SECONDS = 3;

    private final Admin admin;

    public ConsumerLag(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "chaos-lag");
        this.admin = Admin.create(props);
    }

    /** The lag of the apps' three consumer groups (changes are written in transactions). */
    public PipelineLag pipeline(AppsSettings apps) {
        return new PipelineLag(lag(apps.streamsGroup(), PipelineLag.DOMAIN_TOPICS, false),
                lag(apps.shardSinkGroup(), PipelineLag.SHARD_SINK_TOPICS, true),
                lag(apps.indexSinkGroup(), PipelineLag.INDEX_SINK_TOPICS, true));
    }

    /**
     * Records {@code group} has not yet consumed from {@code topics}, or {@link #UNKNOWN}.
     *
     * @param transactional the topics are written in transactions (Streams with exactly_once_v2):
     *     each partition's log then ends with a commit marker, an offset no consumer ever commits
     *     past, so a partition exactly one offset behind counts as caught up
     */
    public long lag(String group, List<String> topics, boolean transactional) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((topic, description) -> {
                for (TopicPartitionInfo partition : description.partitions()) {
                    latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
                    earliest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.earliest());
                }
            });
            var ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : latest.keySet()) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done != null ? done.offset() : starts.get(partition).offset();
                long behind = Math.max(0, ends.get(partition).offset() - from);
                lag += transactional && behind == 1 ? 0 : behind;
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        } catch (Exception e) {
            return UNKNOWN;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
