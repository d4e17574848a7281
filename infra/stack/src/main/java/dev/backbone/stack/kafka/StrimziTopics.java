package dev.backbone.stack.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the catalogue as Strimzi {@code KafkaTopic} resources ({@code kafka.strimzi.io/v1beta2}),
 * so the cluster in k8s/ gets exactly the topics of {@code infra/topics.yaml}. The rendered file is
 * committed at {@link #COMMITTED_PATH}; a unit test fails when it no longer matches the catalogue.
 */
public final class StrimziTopics {

    public static final String COMMITTED_PATH = "k8s/base/kafka/topics.generated.yaml";
    public static final String CLUSTER_NAME = "backbone";

    private StrimziTopics() {
    }

    public static String render(TopicCatalog catalog) {
        StringBuilder yaml = new StringBuilder("# Generated from infra/topics.yaml by `./backbone topics --strimzi`; do not edit.\n");
        for (TopicSpec topic : catalog.topics()) {
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(topic.name().replace('.', '-').replace('_', '-').toLowerCase(java.util.Locale.ROOT)).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER_NAME).append('\n')
                    .append("  annotations:\n")
                    .append("    backbone.dev/owner: ").append(quote(topic.owner())).append('\n')
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(topic.replicationFactor()).append('\n')
                    .append("  config:\n");
            for (Map.Entry<String, String> config : new TreeMap<>(topic.configs()).entrySet()) {
                yaml.append("    ").append(config.getKey()).append(": ").append(quote(config.getValue())).append('\n');
            }
        }
        return yaml.toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
