package dev.backbone.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The ConfigMaps and Secrets that rendered objects refer to by name, wherever the reference sits. */
final class References {

    private static final Set<String> CONFIG_MAP_FIELDS = Set.of("configMapRef", "configMapKeyRef", "configMap");
    private static final Set<String> SECRET_FIELDS = Set.of("secretKeyRef", "secretRef", "secret");
    /** CloudNativePG's backup credentials and KEDA's secretTargetRef items name Secrets too. */
    private static final Set<String> SECRET_HOLDERS = Set.of("s3Credentials", "secretTargetRef");

    final Set<String> configMaps = new TreeSet<>();
    final Set<String> secrets = new TreeSet<>();

    static References of(Iterable<JsonNode> objects) {
        References refs = new References();
        objects.forEach(o -> refs.collect(o, ""));
        return refs;
    }

    private void collect(JsonNode node, String field) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, field));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (CONFIG_MAP_FIELDS.contains(field) && node.path("name").isTextual()) {
            configMaps.add(node.path("name").asText());
        }
        if (SECRET_FIELDS.contains(field)) {
            JsonNode name = node.has("secretName") ? node.path("secretName") : node.path("name");
            if (name.isTextual()) {
                secrets.add(name.asText());
            }
        }
        if (field.equals("secretTargetRef") && node.path("name").isTextual()) {
            secrets.add(node.path("name").asText());
        }
        if (field.equals("s3Credentials")) {
            node.forEach(ref -> {
                if (ref.path("name").isTextual()) {
                    secrets.add(ref.path("name").asText());
                }
            });
        }
        for (Map.Entry<String, JsonNode> child : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (!SECRET_HOLDERS.contains(field)) {
                collect(child.getValue(), child.getKey());
            }
        }
    }
}
