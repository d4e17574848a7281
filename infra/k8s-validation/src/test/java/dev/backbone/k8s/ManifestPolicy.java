package dev.backbone.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project's rules for rendered manifests, on top of the schemas: pinned images, sized and
 * probed containers, unprivileged non-root pods that pass the {@code restricted} Pod Security
 * Standard, and no secret value written into a manifest.
 */
final class ManifestPolicy {

    /** Env vars and config keys whose names say they carry a credential. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|credential|api[_-]?key|private[_-]?key).*");
    /** A credential inside a URL: {@code scheme://user:password@host}. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@");
    private static final Set<String> LONG_RUNNING = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private ManifestPolicy() {
    }

    static List<String> check(JsonNode object) {
        List<String> violations = new ArrayList<>();
        String kind = object.path("kind").asText();
        checkImages(object, "", violations);
        checkInlineSecrets(object, kind, violations);
        JsonNode podSpec = podSpec(object);
        if (podSpec != null) {
            checkPod(podSpec, LONG_RUNNING.contains(kind), violations);
        }
        return violations;
    }

    /** The pod spec of a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), or null. */
    static JsonNode podSpec(JsonNode object) {
        return switch (object.path("kind").asText()) {
            case "Deployment", "StatefulSet", "DaemonSet", "Job" -> object.path("spec").path("template").path("spec");
            case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            case "Pod" -> object.path("spec");
            default -> null;
        };
    }

    private static void checkPod(JsonNode pod, boolean longRunning, List<String> violations) {
        for (String hostFlag : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(hostFlag).asBoolean(false)) {
                violations.add("pod sets " + hostFlag + ": true");
            }
        }
        boolean podNonRoot = pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
        String podSeccomp = pod.path("securityContext").path("seccompProfile").path("type").asText("");
        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        if (pod.path("containers").isEmpty()) {
            violations.add("pod has no containers");
        }
        for (JsonNode c : containers) {
            String name = "container " + c.path("name").asText("?");
            JsonNode security = c.path("securityContext");
            if (security.path("privileged").asBoolean(false)) {
                violations.add(name + " is privileged");
            }
            if (!security.path("allowPrivilegeEscalation").isBoolean() || security.path("allowPrivilegeEscalation").asBoolean()) {
                violations.add(name + " must set securityContext.allowPrivilegeEscalation: false");
            }
            if (!podNonRoot && !security.path("runAsNonRoot").asBoolean(false)) {
                violations.add(name + " must run as non-root (runAsNonRoot: true on the pod or the container)");
            }
            if (security.has("runAsUser") && security.path("runAsUser").asLong() == 0) {
                violations.add(name + " runs as uid 0");
            }
            // The namespace enforces the `restricted` Pod Security Standard: these would be rejected at admission.
            if (!list(security.path("capabilities").path("drop")).contains("ALL")) {
                violations.add(name + " must drop all capabilities (securityContext.capabilities.drop: [ALL])");
            }
            String seccomp = security.path("seccompProfile").path("type").asText(podSeccomp);
            if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                violations.add(name + " needs seccompProfile RuntimeDefault (on the pod or the container)");
            }
            JsonNode resources = c.path("resources");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (resources.path(bound).path(resource).isMissingNode()) {
                        violations.add(name + " has no resources." + bound + "." + resource);
                    }
                }
            }
            boolean isInit = pod.path("initContainers").findValues("name").stream()
                    .anyMatch(n -> n.asText().equals(c.path("name").asText()));
            if (longRunning && !isInit) {
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    if (!c.has(probe)) {
                        violations.add(name + " has no " + probe);
                    }
                }
            }
        }
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void checkImages(JsonNode node, String path, List<String> violations) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "." + field.getKey();
                if ((field.getKey().equals("image") || field.getKey().equals("imageName")) && field.getValue().isTextual()) {
                    String problem = imageProblem(field.getValue().asText());
                    if (problem != null) {
                        violations.add(at + ": " + problem);
                    }
                } else {
                    checkImages(field.getValue(), at, violations);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkImages(node.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    /** Why an image reference is not pinned, or null when it is (a tag other than latest, or a digest). */
    static String imageProblem(String image) {
        if (image.contains("@sha256:")) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return "image " + image + " has no tag (pin a version)";
        }
        String tag = image.substring(colon + 1);
        if (tag.equalsIgnoreCase("latest") || tag.isBlank()) {
            return "image " + image + " uses the latest tag (pin a version)";
        }
        return null;
    }

    private static void checkInlineSecrets(JsonNode object, String kind, List<String> violations) {
        if (kind.equals("Secret") && (object.path("data").size() > 0 || object.path("stringData").size() > 0)) {
            violations.add("Secret carries inline values: reference a Secret created out of band (ExternalSecret) instead");
        }
        if (kind.equals("ConfigMap")) {
            object.path("data").fieldNames().forEachRemaining(key -> {
                if (SECRET_NAME.matcher(key).matches()) {
                    violations.add("ConfigMap key " + key + " looks like a credential: keep it in a Secret");
                }
            });
        }
        scanEnvAndUrls(object, "", violations);
    }

    private static void scanEnvAndUrls(JsonNode node, String path, List<String> violations) {
        if (node.isObject()) {
            if (node.has("name") && node.has("value") && node.path("name").isTextual() && path.matches(".*\\.env\\[\\d+]")
                    && SECRET_NAME.matcher(node.path("name").asText()).matches() && !node.path("value").asText().isEmpty()) {
                violations.add(path + ": env " + node.path("name").asText() + " has an inline value: use valueFrom.secretKeyRef");
            }
            node.fields().forEachRemaining(f -> scanEnvAndUrls(f.getValue(), path + "." + f.getKey(), violations));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scanEnvAndUrls(node.get(i), path + "[" + i + "]", violations);
            }
        } else if (node.isTextual() && URL_WITH_PASSWORD.matcher(node.asText()).find()) {
            violations.add(path + ": a URL with an inline password");
        }
    }
}
