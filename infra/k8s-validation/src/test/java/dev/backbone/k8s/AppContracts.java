package dev.backbone.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workloads configure the applications the way the applications read their configuration: every
 * variable a container gets is one the app reads, every required key is set, the probes hit the
 * app's real health endpoints on the port it listens on, and Services and NetworkPolicies name
 * ports the container has. Pure functions of the rendered objects, so the rules are tested on
 * hand-written manifests too ({@code AppContractTest}).
 */
final class AppContracts {

    static final String STREAMS = "streams-topology";
    static final String QUERY = "query-service";
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    private static final Pattern VAR_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Pattern SHARD_CLUSTER = Pattern.compile("shard-\\d+");

    private AppContracts() {
    }

    /** One variable of a container's environment, after envFrom and env are merged. */
    record EnvVar(String name, String value, boolean fromSecret) {
    }

    // ---------------------------------------------------------------------------------------------
    // Streams app

    static List<String> streams(List<JsonNode> objects, AppSources.StreamsKeys keys) {
        List<String> violations = new ArrayList<>();
        List<JsonNode> deployments = deploymentsOf(objects, STREAMS);
        if (deployments.isEmpty()) {
            violations.add("no Deployment runs pods labelled " + NAME_LABEL + "=" + STREAMS);
        }
        long shardClusters = shardClusters(objects);
        for (JsonNode deployment : deployments) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                String where = "Deployment " + name(deployment) + " container " + container.path("name").asText() + ": ";
                Map<String, EnvVar> env = environment(container, objects, where, violations);
                Set<String> referenced = referencedVariables(env);
                for (EnvVar var : env.values()) {
                    if (var.name().startsWith("BACKBONE_")) {
                        if (keys.keyOf(var.name()) == null) {
                            violations.add(where + "env " + var.name() + " is not a key AppConfig reads; it reads "
                                    + keys.keys() + " and " + keys.indexed() + ", each as the key upper-cased with . and -"
                                    + " as _ (ConfigSource.envName), e.g. BACKBONE_STREAMS_BOOTSTRAP_SERVERS");
                        }
                    } else if (var.name().startsWith("OTEL_") && keys.tracesExported()) {
                        if (!OTEL_SDK_VARIABLES.contains(var.name())) {
                            violations.add(where + "env " + var.name() + " is not a variable the OpenTelemetry SDK's"
                                    + " autoconfigure reads for the Streams app's traces; it reads " + OTEL_SDK_VARIABLES);
                        }
                    } else if (!var.name().equals("JAVA_TOOL_OPTIONS") && !referenced.contains(var.name())) {
                        violations.add(where + "env " + var.name() + " is read by nothing: the Streams app reads only"
                                + " backbone.* keys" + (keys.tracesExported() ? ", the OpenTelemetry SDK's OTEL_* variables" : "")
                                + " (and the JVM JAVA_TOOL_OPTIONS)");
                    }
                }
                otlpEgress(objects, deployment, env, where, violations);
                for (String key : keys.required()) {
                    if (!env.containsKey(AppSources.StreamsKeys.envName(key))) {
                        violations.add(where + "required key " + key + " is not set (env "
                                + AppSources.StreamsKeys.envName(key) + ")");
                    }
                }
                for (AppSources.IndexedKey indexed : keys.indexed()) {
                    int count = consecutive(env, indexed.envPattern(), indexed.toString(), where, violations);
                    if (count == 0) {
                        violations.add(where + "required key " + indexed + " is not set (env " + indexed.envName(0) + ")");
                    } else if (indexed.prefix().equals("backbone.shard.") && shardClusters > 0 && count != shardClusters) {
                        violations.add(where + count + " shard JDBC URLs for " + shardClusters + " shard Clusters: the"
                                + " URL count is the ShardRouter's N and must equal the shard count");
                    }
                }
                fromSecret(env, AppSources.StreamsKeys.envName("backbone.shard.password"), where, violations);
                stateDirOnAVolume(env, container, where, violations);
                int port = healthPort(env, keys.defaultHealthPort(), where, violations);
                if (port > 0) {
                    listensOn(container, port, where, violations);
                    probe(container, "readinessProbe", Set.of("/health/ready"), port, keys.healthPaths(), where, violations);
                    probe(container, "livenessProbe", Set.of("/health/live"), port, keys.healthPaths(), where, violations);
                    probe(container, "startupProbe", Set.of("/health/live", "/health/ready"), port, keys.healthPaths(),
                            where, violations);
                }
            }
            portsReachTheContainer(objects, deployment, violations);
        }
        return violations;
    }

    /**
     * The standard variables the OpenTelemetry SDK's autoconfigure (1.55, the Streams app's
     * {@code TraceExport}) reads for traces: general SDK and resource settings, sampler, propagators,
     * span limits, the batch span processor and the OTLP exporter (general and traces-specific). The
     * OTLP metrics- and logs-specific variables are left out: the app exports neither.
     * Reference: https://opentelemetry.io/docs/languages/java/configuration/
     */
    static final Set<String> OTEL_SDK_VARIABLES = Set.of(
            "OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_PROPAGATORS",
            "OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER",
            "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
            "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT", "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT",
            "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_SPAN_EVENT_COUNT_LIMIT", "OTEL_SPAN_LINK_COUNT_LIMIT",
            "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "OTEL_BSP_EXPORT_TIMEOUT",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
            "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
            "OTEL_EXPORTER_OTLP_COMPRESSION", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
            "OTEL_EXPORTER_OTLP_CERTIFICATE", "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE",
            "OTEL_EXPORTER_OTLP_CLIENT_KEY", "OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY",
            "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE");

    private static final Pattern ENDPOINT_PORT = Pattern.compile("^[a-z]+://[^/:]+:(\\d+)(/.*)?$");

    /**
     * When the Streams app exports traces (an OTLP endpoint set, the exporter not {@code none}), a
     * NetworkPolicy selecting its pods admits egress to the endpoint's port: otherwise default-deny drops
     * every span silently.
     */
    private static void otlpEgress(List<JsonNode> objects, JsonNode deployment, Map<String, EnvVar> env, String where,
            List<String> violations) {
        EnvVar endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
        EnvVar exporter = env.get("OTEL_TRACES_EXPORTER");
        if (endpoint == null || endpoint.value() == null || (exporter != null && "none".equals(exporter.value()))) {
            return;
        }
        Matcher port = ENDPOINT_PORT.matcher(endpoint.value().trim());
        if (!port.matches()) {
            violations.add(where + "env " + endpoint.name() + " " + endpoint.value() + " names no port: write it out"
                    + " (the egress rule must admit it)");
            return;
        }
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        for (JsonNode o : objects) {
            if (o.path("kind").asText().equals("NetworkPolicy") && selectsAll(o.path("spec").path("podSelector").path("matchLabels"), labels)) {
                for (JsonNode rule : o.path("spec").path("egress")) {
                    for (JsonNode p : rule.path("ports")) {
                        if (p.path("port").asText().equals(port.group(1))) {
                            return;
                        }
                    }
                }
            }
        }
        violations.add(where + "exports spans to " + endpoint.value() + " but no NetworkPolicy for its pods admits egress to"
                + " port " + port.group(1));
    }

    private static int healthPort(Map<String, EnvVar> env, int defaultPort, String where, List<String> violations) {
        EnvVar var = env.get(AppSources.StreamsKeys.envName("backbone.health.port"));
        if (var == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(var.value() == null ? "" : var.value().trim());
            if (port <= 0) {
                violations.add(where + "backbone.health.port is " + port + " (0 = a random port, -1 = no endpoint):"
                        + " the probes need a fixed port");
            }
            return port;
        } catch (NumberFormatException e) {
            violations.add(where + "backbone.health.port must be a literal port number, but is " + var.value());
            return -1;
        }
    }

    private static void stateDirOnAVolume(Map<String, EnvVar> env, JsonNode container, String where, List<String> violations) {
        EnvVar stateDir = env.get(AppSources.StreamsKeys.envName("backbone.streams.state-dir"));
        if (stateDir == null || stateDir.value() == null) {
            return;
        }
        String dir = stateDir.value().endsWith("/") ? stateDir.value() : stateDir.value() + "/";
        boolean onVolume = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            String path = mount.path("mountPath").asText();
            path = path.endsWith("/") ? path : path + "/";
            if (dir.startsWith(path) && !mount.path("readOnly").asBoolean(false)) {
                onVolume = true;
            }
        }
        if (!onVolume) {
            violations.add(where + "backbone.streams.state-dir " + stateDir.value() + " is not on a writable volume mount"
                    + " (RocksDB stores live there; the root filesystem is read-only)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Query service

    /** Spring Boot's own properties the query Deployment sets (not backbone.query.*). */
    private static final Set<String> SPRING_PORTS = Set.of("SERVER_PORT", "MANAGEMENT_SERVER_PORT");
    /** Spring Boot's default {@code server.port} is overridden in application.yaml. */
    private static final Pattern YAML_SERVER_PORT = Pattern.compile("(?m)^server:\\s*\\n(?:\\s+.*\\n)*?\\s+port:\\s*(\\d+)");

    static List<String> query(List<JsonNode> objects, AppSources.QueryKeys keys) {
        List<String> violations = new ArrayList<>();
        List<JsonNode> deployments = deploymentsOf(objects, QUERY);
        if (deployments.isEmpty()) {
            violations.add("no Deployment runs pods labelled " + NAME_LABEL + "=" + QUERY);
        }
        if (!keys.applicationYaml().contains("probes:") || !keys.applicationYaml().contains("readiness:")
                || !keys.applicationYaml().contains("liveness:")) {
            violations.add("services/query-service application.yaml no longer enables the actuator health probe groups");
        }
        long shardClusters = shardClusters(objects);
        String envPrefix = keys.prefix().toUpperCase().replace('.', '_') + "_";
        for (JsonNode deployment : deployments) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                String where = "Deployment " + name(deployment) + " container " + container.path("name").asText() + ": ";
                Map<String, EnvVar> env = environment(container, objects, where, violations);
                Set<String> referenced = referencedVariables(env);
                for (EnvVar var : env.values()) {
                    String n = var.name();
                    if (n.startsWith(envPrefix)) {
                        if (keys.componentOf(n) == null) {
                            violations.add(where + "env " + n + " binds to no " + keys.prefix() + ".* property; QueryProperties"
                                    + " has " + keys.components() + " (relaxed binding: e.g. BACKBONE_QUERY_REDISURI,"
                                    + " BACKBONE_QUERY_SHARDS_0)");
                        }
                    } else if (n.startsWith("BACKBONE_")) {
                        violations.add(where + "env " + n + " is read by nothing: the query service binds only "
                                + keys.prefix() + ".*");
                    } else if (!SPRING_PORTS.contains(n) && !n.equals("JAVA_TOOL_OPTIONS") && !n.startsWith("OTEL_")
                            && !n.startsWith("MANAGEMENT_") && !referenced.contains(n)) {
                        violations.add(where + "env " + n + " is read by nothing the query service runs");
                    }
                }
                int shards = consecutive(env, Pattern.compile(Pattern.quote(envPrefix) + "SHARDS_(\\d+)_?"), keys.prefix()
                        + ".shards[i]", where, violations);
                if (shards == 0) {
                    violations.add(where + "required " + keys.prefix() + ".shards[0] is not set (env " + envPrefix + "SHARDS_0)");
                } else if (shardClusters > 0 && shards != shardClusters) {
                    violations.add(where + shards + " shard URLs for " + shardClusters + " shard Clusters");
                }
                if (env.values().stream().noneMatch(v -> "redisUri".equals(keys.componentOf(v.name())))) {
                    violations.add(where + "required " + keys.prefix() + ".redis-uri is not set (env " + envPrefix + "REDISURI)");
                }
                env.values().stream().filter(v -> "shardPassword".equals(keys.componentOf(v.name())))
                        .forEach(v -> fromSecret(env, v.name(), where, violations));
                int port = managementPort(env, keys.applicationYaml());
                listensOn(container, port, where, violations);
                probe(container, "readinessProbe", Set.of("/actuator/health/readiness"), port, null, where, violations);
                probe(container, "livenessProbe", Set.of("/actuator/health/liveness"), port, null, where, violations);
                probe(container, "startupProbe", Set.of("/actuator/health/liveness", "/actuator/health/readiness"), port,
                        null, where, violations);
            }
            portsReachTheContainer(objects, deployment, violations);
        }
        return violations;
    }

    private static int managementPort(Map<String, EnvVar> env, String applicationYaml) {
        for (String name : List.of("MANAGEMENT_SERVER_PORT", "SERVER_PORT")) {
            EnvVar var = env.get(name);
            if (var != null && var.value() != null && var.value().trim().matches("\\d+")) {
                return Integer.parseInt(var.value().trim());
            }
        }
        Matcher yamlPort = YAML_SERVER_PORT.matcher(applicationYaml);
        return yamlPort.find() ? Integer.parseInt(yamlPort.group(1)) : 8080;
    }

    // ---------------------------------------------------------------------------------------------
    // CronJobs in cluster mode (reconcile, etl)

    /**
     * The CronJob whose pods are labelled {@code keys.job()} runs its command in cluster mode: every
     * {@code BACKBONE_*} variable is a key the command reads, every required key and one shard URL per
     * shard Cluster are set, passwords come from Secrets, and every file a key names (a JDBC URL's
     * {@code sslrootcert}, {@code backbone.kafka.ca-file}) is on a mounted volume, with the shards and
     * the warehouse reached over {@code sslmode=verify-full}.
     */
    static List<String> job(List<JsonNode> objects, AppSources.JobKeys keys) {
        List<String> violations = new ArrayList<>();
        List<JsonNode> cronJobs = objects.stream().filter(o -> o.path("kind").asText().equals("CronJob"))
                .filter(o -> keys.job().equals(jobPod(o).path("metadata").path("labels").path(NAME_LABEL).asText())).toList();
        if (cronJobs.isEmpty()) {
            violations.add("no CronJob runs pods labelled " + NAME_LABEL + "=" + keys.job());
        }
        long shardClusters = shardClusters(objects);
        for (JsonNode cronJob : cronJobs) {
            for (JsonNode container : jobPod(cronJob).path("spec").path("containers")) {
                String where = "CronJob " + name(cronJob) + " container " + container.path("name").asText() + ": ";
                Map<String, EnvVar> env = environment(container, objects, where, violations);
                Set<String> referenced = referencedVariables(env);
                for (EnvVar var : env.values()) {
                    String key = var.name().startsWith("BACKBONE_") ? keys.keyOf(var.name()) : null;
                    if (var.name().startsWith("BACKBONE_") && key == null) {
                        violations.add(where + "env " + var.name() + " is not a key " + keys.job() + " reads in cluster mode; it reads "
                                + keys.keys() + " and " + keys.indexed() + " (ClusterConfig), each as the key upper-cased with . and -"
                                + " as _");
                    } else if (!var.name().startsWith("BACKBONE_") && !var.name().equals("JAVA_TOOL_OPTIONS")
                            && !referenced.contains(var.name())) {
                        violations.add(where + "env " + var.name() + " is read by nothing: the CLI reads only backbone.* keys");
                    } else if (key != null && key.endsWith("password") && !var.fromSecret()) {
                        violations.add(where + "env " + var.name() + " must be set from a Secret (valueFrom.secretKeyRef)");
                    } else if (key != null && key.endsWith("jdbc-url")) {
                        tlsVerified(var, container, where, violations);
                    } else if (key != null && key.endsWith("ca-file")) {
                        onAMount(var.name(), var.value(), container, where, violations);
                    }
                }
                for (String key : keys.required()) {
                    if (!env.containsKey(AppSources.StreamsKeys.envName(key))) {
                        violations.add(where + "required key " + key + " is not set (env " + AppSources.StreamsKeys.envName(key) + ")");
                    }
                }
                for (AppSources.IndexedKey indexed : keys.indexed()) {
                    int count = consecutive(env, indexed.envPattern(), indexed.toString(), where, violations);
                    if (count == 0) {
                        violations.add(where + "required key " + indexed + " is not set (env " + indexed.envName(0) + ")");
                    } else if (shardClusters > 0 && count != shardClusters) {
                        violations.add(where + count + " shard JDBC URLs for " + shardClusters + " shard Clusters: the"
                                + " URL count is the ShardRouter's N and must equal the shard count");
                    }
                }
            }
        }
        return violations;
    }

    /** The pod template of a CronJob. */
    static JsonNode jobPod(JsonNode cronJob) {
        return cronJob.path("spec").path("jobTemplate").path("spec").path("template");
    }

    private static void tlsVerified(EnvVar url, JsonNode container, String where, List<String> violations) {
        String value = url.value() == null ? "" : url.value();
        if (!value.matches(".*[?&]sslmode=verify-full(&.*)?")) {
            violations.add(where + "env " + url.name() + " must connect with sslmode=verify-full (and sslrootcert=<the Cluster's CA>)");
        }
        Matcher cert = Pattern.compile("[?&]sslrootcert=([^&]+)").matcher(value);
        if (cert.find()) {
            onAMount(url.name() + " sslrootcert", cert.group(1), container, where, violations);
        }
    }

    /** A file the app opens at {@code path} is on one of the container's volume mounts. */
    private static void onAMount(String what, String path, JsonNode container, String where, List<String> violations) {
        if (path == null) {
            return;
        }
        for (JsonNode mount : container.path("volumeMounts")) {
            String dir = mount.path("mountPath").asText();
            if (path.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
                return;
            }
        }
        violations.add(where + what + " " + path + " is on no volume mount: mount the CA Secret there");
    }

    // ---------------------------------------------------------------------------------------------
    // Shared

    /** The Deployments whose pods carry {@code app.kubernetes.io/name=app} (stable and canary). */
    static List<JsonNode> deploymentsOf(List<JsonNode> objects, String app) {
        return objects.stream().filter(o -> o.path("kind").asText().equals("Deployment"))
                .filter(o -> app.equals(o.path("spec").path("template").path("metadata").path("labels").path(NAME_LABEL).asText()))
                .toList();
    }

    /**
     * The container's environment as the kubelet builds it: envFrom ConfigMaps first (with their
     * prefix), then env, a later name replacing an earlier one. ConfigMap values are resolved from
     * {@code objects}; a Secret's value is unknown (only that it comes from a Secret).
     */
    static Map<String, EnvVar> environment(JsonNode container, List<JsonNode> objects, String where, List<String> violations) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            if (from.has("configMapRef")) {
                String cm = from.path("configMapRef").path("name").asText();
                JsonNode data = configMap(objects, cm);
                if (data == null) {
                    violations.add(where + "envFrom ConfigMap " + cm + " is not in the rendered manifests");
                    continue;
                }
                data.fields().forEachRemaining(f -> env.put(prefix + f.getKey(),
                        new EnvVar(prefix + f.getKey(), f.getValue().asText(), false)));
            } else if (from.has("secretRef")) {
                violations.add(where + "envFrom Secret " + from.path("secretRef").path("name").asText() + ": the names it"
                        + " sets cannot be checked here; use env[].valueFrom.secretKeyRef per variable");
            }
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            JsonNode valueFrom = var.path("valueFrom");
            if (valueFrom.has("secretKeyRef")) {
                env.put(name, new EnvVar(name, null, true));
            } else if (valueFrom.has("configMapKeyRef")) {
                JsonNode data = configMap(objects, valueFrom.path("configMapKeyRef").path("name").asText());
                JsonNode value = data == null ? null : data.get(valueFrom.path("configMapKeyRef").path("key").asText());
                env.put(name, new EnvVar(name, value == null ? null : value.asText(), false));
            } else if (var.has("value")) {
                env.put(name, new EnvVar(name, var.path("value").asText(), false));
            } else {
                env.put(name, new EnvVar(name, null, false));
            }
        }
        return env;
    }

    private static JsonNode configMap(List<JsonNode> objects, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap") && name(o).equals(name))
                .map(o -> o.path("data")).findFirst().orElse(null);
    }

    /** Names used as {@code $(NAME)} in another variable's value: helpers the kubelet expands. */
    private static Set<String> referencedVariables(Map<String, EnvVar> env) {
        Set<String> referenced = new TreeSet<>();
        env.values().stream().filter(v -> v.value() != null)
                .forEach(v -> VAR_REFERENCE.matcher(v.value()).results().forEach(m -> referenced.add(m.group(1))));
        return referenced;
    }

    /** How many variables match {@code indexed} (group 1 = the index); they must be 0..n-1. */
    private static int consecutive(Map<String, EnvVar> env, Pattern indexed, String what, String where, List<String> violations) {
        Set<Integer> indexes = new TreeSet<>();
        for (String name : env.keySet()) {
            Matcher m = indexed.matcher(name);
            if (m.matches()) {
                indexes.add(Integer.parseInt(m.group(1)));
            }
        }
        for (int i = 0; i < indexes.size(); i++) {
            if (!indexes.contains(i)) {
                violations.add(where + what + " indexes " + indexes + " are not consecutive from 0: the app stops reading"
                        + " at the first gap");
                break;
            }
        }
        return indexes.size();
    }

    private static void fromSecret(Map<String, EnvVar> env, String name, String where, List<String> violations) {
        EnvVar var = env.get(name);
        if (var == null || !var.fromSecret()) {
            violations.add(where + "env " + name + " must be set from a Secret (valueFrom.secretKeyRef): the shard"
                    + " password defaults to empty and the shards require one");
        }
    }

    private static void listensOn(JsonNode container, int port, String where, List<String> violations) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("containerPort").asInt() == port) {
                if (p.path("name").asText("").isEmpty()) {
                    violations.add(where + "container port " + port + " has no name (probes and Services refer to it by name)");
                }
                return;
            }
        }
        violations.add(where + "declares no containerPort " + port + ", the port the app's health endpoint listens on");
    }

    private static void probe(JsonNode container, String kind, Set<String> paths, int port, Set<String> servedPaths,
            String where, List<String> violations) {
        JsonNode probe = container.path(kind);
        if (probe.isMissingNode()) {
            violations.add(where + "has no " + kind);
            return;
        }
        JsonNode http = probe.path("httpGet");
        String path = http.path("path").asText("");
        if (!paths.contains(path)) {
            violations.add(where + kind + " GETs " + (path.isEmpty() ? "nothing" : path) + " but must GET one of " + paths);
        } else if (servedPaths != null && !servedPaths.contains(path)) {
            violations.add(where + kind + " GETs " + path + ", which the app's HealthServer does not serve " + servedPaths);
        }
        int probed = resolvePort(container, http.path("port"));
        if (probed != port) {
            violations.add(where + kind + " targets port " + http.path("port").asText() + " (" + probed + "), but the health"
                    + " endpoint listens on " + port);
        }
    }

    /** A port given by number or by the name of one of the container's ports; -1 if it names none. */
    static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        String text = port.asText("");
        if (text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(text)) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    /** Services and ingress NetworkPolicy rules for the Deployment's pods name ports its containers have. */
    private static void portsReachTheContainer(List<JsonNode> objects, JsonNode deployment, List<String> violations) {
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            if (kind.equals("Service") && selectsAll(o.path("spec").path("selector"), labels)) {
                for (JsonNode p : o.path("spec").path("ports")) {
                    JsonNode target = p.has("targetPort") ? p.path("targetPort") : p.path("port");
                    if (!anyContainerHas(containers, target)) {
                        violations.add("Service " + name(o) + " port " + p.path("name").asText(p.path("port").asText())
                                + " targets " + target.asText() + ", which no container of Deployment " + name(deployment)
                                + " declares");
                    }
                }
            }
            if (kind.equals("NetworkPolicy") && selectsAll(o.path("spec").path("podSelector").path("matchLabels"), labels)) {
                for (JsonNode rule : o.path("spec").path("ingress")) {
                    for (JsonNode p : rule.path("ports")) {
                        if (p.has("port") && !anyContainerHas(containers, p.path("port"))) {
                            violations.add("NetworkPolicy " + name(o) + " admits ingress on port " + p.path("port").asText()
                                    + ", which no container of Deployment " + name(deployment) + " declares");
                        }
                    }
                }
            }
        }
    }

    private static boolean anyContainerHas(JsonNode containers, JsonNode port) {
        for (JsonNode c : containers) {
            int resolved = resolvePort(c, port);
            for (JsonNode p : c.path("ports")) {
                if (resolved > 0 && p.path("containerPort").asInt() == resolved) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every label of a (non-empty) plain selector holds in {@code labels}. */
    private static boolean selectsAll(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().asText().equals(labels.path(f.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static long shardClusters(List<JsonNode> objects) {
        return objects.stream().filter(o -> o.path("kind").asText().equals("Cluster")
                && o.path("apiVersion").asText().startsWith("postgresql.cnpg.io/") && SHARD_CLUSTER.matcher(name(o)).matches())
                .count();
    }

    private static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }
}
