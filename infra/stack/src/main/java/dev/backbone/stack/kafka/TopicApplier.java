package dev.backbone.stack.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the cluster match the catalogue, idempotently: creates missing topics, grows partitions,
 * sets differing configs. It never shrinks, deletes or changes the replication factor; such drift
 * is reported instead, since fixing it would move or lose data.
 */
public final class TopicApplier {

    /** What applying one topic did. */
    public enum Action { CREATED, UPDATED, UNCHANGED, DRIFT }

    /** The outcome for one topic, with a human-readable detail. */
    public record Outcome(String topic, Action action, String detail) {
    }

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    public TopicApplier(Admin admin) {
        this.admin = admin;
    }

    public List<Outcome> apply(Collection<TopicSpec> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<Outcome> outcomes = new ArrayList<>();
            for (TopicSpec topic : topics) {
                outcomes.add(applyOne(topic, existing.contains(topic.name())));
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot apply topics: " + e.getMessage(), e);
        }
    }

    /** A retried create finds the topic existing and updates it instead. */
    private Outcome applyOne(TopicSpec topic, boolean exists) throws InterruptedException, ExecutionException, TimeoutException {
        return KafkaRetries.whileRetriable(Duration.ofSeconds(TIMEOUT_SECONDS), () -> exists ? update(topic) : create(topic));
    }

    private Outcome create(TopicSpec topic) throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), topic.replicationFactor()).configs(topic.configs());
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return update(topic);
            }
            throw e;
        }
        return new Outcome(topic.name(), Action.CREATED,
                topic.partitions() + " partitions, RF " + topic.replicationFactor());
    }

    private Outcome update(TopicSpec topic) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic.name())).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic.name());
        List<String> changes = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        int actualPartitions = description.partitions().size();
        if (actualPartitions < topic.partitions()) {
            admin.createPartitions(Map.of(topic.name(), NewPartitions.increaseTo(topic.partitions())))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            changes.add("partitions " + actualPartitions + " -> " + topic.partitions());
        } else if (actualPartitions > topic.partitions()) {
            drift.add("has " + actualPartitions + " partitions, catalogue says " + topic.partitions() + " (partitions never shrink)");
        }
        int actualRf = description.partitions().get(0).replicas().size();
        if (actualRf != topic.replicationFactor()) {
            drift.add("has RF " + actualRf + ", catalogue says " + topic.replicationFactor() + " (reassign replicas by hand)");
        }
        changes.addAll(alignConfigs(topic));
        if (!drift.isEmpty()) {
            return new Outcome(topic.name(), Action.DRIFT, String.join("; ", drift));
        }
        return changes.isEmpty()
                ? new Outcome(topic.name(), Action.UNCHANGED, "matches the catalogue")
                : new Outcome(topic.name(), Action.UPDATED, String.join("; ", changes));
    }

    private List<String> alignConfigs(TopicSpec topic) throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config actual = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
        List<AlterConfigOp> ops = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        topic.configs().forEach((key, wanted) -> {
            ConfigEntry entry = actual.get(key);
            String current = entry == null ? null : entry.value();
            if (!wanted.equals(current)) {
                ops.add(new AlterConfigOp(new ConfigEntry(key, wanted), AlterConfigOp.OpType.SET));
                changes.add(key + " " + current + " -> " + wanted);
            }
        });
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return changes;
    }
}
