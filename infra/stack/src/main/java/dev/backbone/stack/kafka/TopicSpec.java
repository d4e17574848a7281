package dev.backbone.stack.kafka;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One topic of {@code infra/topics.yaml}.
 *
 * @param name              topic name, {@code [a-zA-Z0-9._-]+}
 * @param partitions        partition count; can only grow
 * @param replicationFactor replicas per partition, fixed at creation
 * @param owner             the team or service that owns the topic's contract
 * @param description       what flows through it
 * @param configs           topic-level configs applied with incremental alter
 */
public record TopicSpec(String name, int partitions, short replicationFactor, String owner, String description,
                        Map<String, String> configs) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        if (name == null || !LEGAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("topics[].name must match [a-zA-Z0-9._-]{1,249}, but was '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topics[" + name + "].partitions must be >= 1, but was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topics[" + name + "].replicationFactor must be >= 1, but was " + replicationFactor);
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("topics[" + name + "].owner must name the owning team or service");
        }
        configs = Map.copyOf(configs);
    }
}
