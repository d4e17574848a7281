package dev.backbone.stack.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The parsed, validated {@code infra/topics.yaml}: the only place topic definitions live. */
public record TopicCatalog(List<TopicSpec> topics) {

    public TopicCatalog {
        Set<String> names = new HashSet<>();
        for (TopicSpec topic : topics) {
            if (!names.add(topic.name())) {
                throw new IllegalArgumentException("topics[].name '" + topic.name() + "' is defined twice");
            }
        }
        topics = List.copyOf(topics);
    }

    public Optional<TopicSpec> find(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static TopicCatalog load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return parse(asMap(root, "the document"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic catalogue " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static TopicCatalog parse(Map<String, Object> root) {
        Map<String, Object> defaults = root.containsKey("defaults") ? asMap(root.get("defaults"), "defaults") : Map.of();
        int defaultRf = intValue(defaults.getOrDefault("replicationFactor", 3), "defaults.replicationFactor");
        Map<String, String> defaultConfigs = stringMap(defaults.getOrDefault("configs", Map.of()), "defaults.configs");
        Object topicsNode = root.get("topics");
        if (!(topicsNode instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("'topics' must be a non-empty list");
        }
        List<TopicSpec> topics = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> topic = asMap(item, "topics[]");
            String name = String.valueOf(topic.get("name"));
            Map<String, String> configs = new LinkedHashMap<>(defaultConfigs);
            configs.putAll(stringMap(topic.getOrDefault("configs", Map.of()), "topics[" + name + "].configs"));
            topics.add(new TopicSpec(
                    name,
                    intValue(topic.get("partitions"), "topics[" + name + "].partitions"),
                    (short) intValue(topic.getOrDefault("replicationFactor", defaultRf), "topics[" + name + "].replicationFactor"),
                    (String) topic.get("owner"),
                    String.valueOf(topic.getOrDefault("description", "")),
                    configs));
        }
        return new TopicCatalog(topics);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node, String where) {
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + " must be a mapping");
        }
        return (Map<String, Object>) node;
    }

    private static Map<String, String> stringMap(Object node, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        asMap(node, where).forEach((key, value) -> {
            if (!(value instanceof String)) {
                throw new IllegalArgumentException(where + "." + key + " must be a quoted string, but was " + value);
            }
            result.put(key, (String) value);
        });
        return result;
    }

    private static int intValue(Object node, String where) {
        if (!(node instanceof Integer value)) {
            throw new IllegalArgumentException(where + " must be an integer, but was " + node);
        }
        return value;
    }
}
