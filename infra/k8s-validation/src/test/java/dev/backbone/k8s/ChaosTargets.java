package dev.backbone.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Where the Chaos Mesh experiments aim. Every pod selector of an experiment must select pods that
 * the rendered manifests create: directly (the pod template of a Deployment, StatefulSet, Job or
 * CronJob) or through an operator (Strimzi's Kafka node pods, CloudNativePG's instance pods, with
 * the labels those operators put on them). An experiment aimed at a label nobody carries is
 * accepted by Chaos Mesh and then does nothing, which would make a drill pass for the wrong reason.
 */
final class ChaosTargets {

    /** A kind of pod the manifests create: its namespace, labels and container names (null if the operator names them). */
    record PodShape(String source, String namespace, Map<String, String> labels, Set<String> containers) {
    }

    private ChaosTargets() {
    }

    static boolean isExperiment(JsonNode o) {
        return o.path("apiVersion").asText().startsWith("chaos-mesh.org/");
    }

    /** Every kind of pod the rendered objects create. */
    static List<PodShape> pods(List<JsonNode> rendered) {
        List<PodShape> pods = new ArrayList<>();
        for (JsonNode o : rendered) {
            String ns = o.path("metadata").path("namespace").asText("");
            String source = o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
            JsonNode podSpec = ManifestPolicy.podSpec(o);
            if (podSpec != null && !o.path("kind").asText().equals("Pod")) {
                JsonNode template = o.path("kind").asText().equals("CronJob")
                        ? o.path("spec").path("jobTemplate").path("spec").path("template")
                        : o.path("spec").path("template");
                Set<String> containers = new HashSet<>();
                podSpec.path("containers").forEach(c -> containers.add(c.path("name").asText()));
                pods.add(new PodShape(source, ns, strings(template.path("metadata").path("labels")), containers));
            }
            switch (o.path("kind").asText()) {
                // Strimzi labels every node pod with its cluster, pool and roles.
                case "KafkaNodePool" -> {
                    String cluster = o.path("metadata").path("labels").path("strimzi.io/cluster").asText();
                    Map<String, String> labels = new LinkedHashMap<>(strings(
                            o.path("spec").path("template").path("pod").path("metadata").path("labels")));
                    labels.put("strimzi.io/cluster", cluster);
                    labels.put("strimzi.io/kind", "Kafka");
                    labels.put("strimzi.io/name", cluster + "-kafka");
                    labels.put("strimzi.io/component-type", "kafka");
                    labels.put("strimzi.io/pool-name", o.path("metadata").path("name").asText());
                    for (JsonNode role : o.path("spec").path("roles")) {
                        labels.put("strimzi.io/" + role.asText() + "-role", "true");
                    }
                    pods.add(new PodShape(source, ns, labels, Set.of("kafka")));
                }
                // CloudNativePG labels its instances with the cluster and the current role.
                case "Cluster" -> {
                    if (!o.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
                        break;
                    }
                    int instances = o.path("spec").path("instances").asInt(1);
                    for (String role : instances > 1 ? List.of("primary", "replica") : List.of("primary")) {
                        Map<String, String> labels = new LinkedHashMap<>(strings(
                                o.path("spec").path("inheritedMetadata").path("labels")));
                        labels.put("cnpg.io/cluster", o.path("metadata").path("name").asText());
                        labels.put("cnpg.io/podRole", "instance");
                        labels.put("cnpg.io/instanceRole", role);
                        labels.put("role", role);
                        pods.add(new PodShape(source + " (" + role + ")", ns, labels, Set.of("postgres")));
                    }
                }
                default -> {
                }
            }
        }
        return pods;
    }

    /** Pod names that are stable, hence nameable in a selector: a StatefulSet's {@code <name>-<ordinal>}. */
    static Set<String> stablePodNames(List<JsonNode> rendered) {
        Set<String> names = new HashSet<>();
        for (JsonNode o : rendered) {
            if (o.path("kind").asText().equals("StatefulSet")) {
                String ns = o.path("metadata").path("namespace").asText("");
                for (int i = 0; i < o.path("spec").path("replicas").asInt(1); i++) {
                    names.add(ns + "/" + o.path("metadata").path("name").asText() + "-" + i);
                }
            }
        }
        return names;
    }

    /** What is wrong with where the experiments among {@code rendered} aim; empty when every selector hits. */
    static List<String> violations(List<JsonNode> rendered) {
        List<PodShape> pods = pods(rendered);
        Set<String> podNames = stablePodNames(rendered);
        List<String> violations = new ArrayList<>();
        for (JsonNode e : rendered) {
            if (!isExperiment(e)) {
                continue;
            }
            String name = e.path("kind").asText() + " " + e.path("metadata").path("name").asText();
            JsonNode spec = e.path("spec");
            List<PodShape> selected = check(name + " selector", spec.path("selector"), pods, podNames, violations);
            for (JsonNode container : spec.path("containerNames")) {
                if (selected.stream().anyMatch(p -> p.containers() != null && !p.containers().contains(container.asText()))) {
                    violations.add(name + ": container " + container.asText() + " is not in every selected pod");
                }
            }
            if (spec.has("target")) {
                List<PodShape> targets = check(name + " target", spec.path("target").path("selector"), pods, podNames, violations);
                if (spec.path("action").asText().equals("partition")
                        && selected.stream().anyMatch(targets::contains)) {
                    violations.add(name + ": partitions pods from themselves ("
                            + selected.stream().filter(targets::contains).map(PodShape::source).toList() + ")");
                }
            }
        }
        return violations;
    }

    private static List<PodShape> check(String what, JsonNode selector, List<PodShape> pods, Set<String> podNames,
            List<String> violations) {
        for (String unchecked : List.of("annotationSelectors", "fieldSelectors", "nodeSelectors", "nodes", "podPhaseSelectors")) {
            if (selector.has(unchecked)) {
                violations.add(what + " uses " + unchecked + ", which ChaosTargets cannot check: extend it");
            }
        }
        List<String> namespaces = strings(selector.path("namespaces")).values().stream().toList();
        if (selector.has("pods")) {
            selector.path("pods").fields().forEachRemaining(ns -> ns.getValue().forEach(pod -> {
                if (!podNames.contains(ns.getKey() + "/" + pod.asText())) {
                    violations.add(what + " names pod " + ns.getKey() + "/" + pod.asText() + ", which no StatefulSet creates");
                }
            }));
            return List.of();
        }
        Map<String, String> labels = strings(selector.path("labelSelectors"));
        JsonNode expressions = selector.path("expressionSelectors");
        if (labels.isEmpty() && expressions.isEmpty()) {
            violations.add(what + " has no labelSelectors, expressionSelectors or pods: it would hit every pod of its namespaces");
            return List.of();
        }
        List<PodShape> selected = pods.stream()
                .filter(p -> namespaces.isEmpty() || namespaces.contains(p.namespace()))
                .filter(p -> labels.entrySet().stream().allMatch(l -> l.getValue().equals(p.labels().get(l.getKey()))))
                .filter(p -> StreamSupport.stream(expressions.spliterator(), false).allMatch(x -> holds(x, p.labels())))
                .toList();
        if (selected.isEmpty()) {
            violations.add(what + " selects no pod the manifests create (labels " + labels
                    + (expressions.isEmpty() ? "" : ", expressions " + expressions) + " in " + namespaces + ")");
        }
        return selected;
    }

    private static boolean holds(JsonNode expression, Map<String, String> labels) {
        String value = labels.get(expression.path("key").asText());
        Set<String> values = new HashSet<>(strings(expression.path("values")).values());
        return switch (expression.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    /** An object's text fields, or an array's items keyed by index. */
    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                map.put(String.valueOf(i), node.get(i).asText());
            }
        } else {
            node.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
        }
        return map;
    }
}
