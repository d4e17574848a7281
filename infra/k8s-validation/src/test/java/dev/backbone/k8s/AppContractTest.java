package dev.backbone.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rendered Deployments configure the apps the way the apps read their configuration (issue 8:
 * the Streams Deployment once set {@code BACKBONE_TOPOLOGY_STREAMS_*} and probed
 * {@code /actuator/health/*} on 8080, while the app reads {@code backbone.streams.*} and serves
 * {@code /health/live} and {@code /health/ready} on {@code backbone.health.port}). The keys come from
 * the apps' sources ({@link AppSources}), so renaming a key in AppConfig without updating k8s/ fails
 * here.
 */
class AppContractTest {

    private static final AppSources.StreamsKeys STREAMS_KEYS = AppSources.streams();
    private static final AppSources.QueryKeys QUERY_KEYS = AppSources.query();
    // What each command reads in cluster mode (infra/cli): reconcile everything (ReconcileCommand →
    // ClusterConfig.reconSettings, kafka*), etl the databases only (EtlCommand → ClusterConfig.etlSettings).
    private static final AppSources.JobKeys RECONCILE_KEYS = AppSources.job("reconciliation",
            List.of("backbone.shard.", "backbone.warehouse.", "backbone.redis.", "backbone.index.", "backbone.kafka.",
                    "backbone.streams.application-id"), true);
    private static final AppSources.JobKeys ETL_KEYS = AppSources.job("batch-etl", List.of("backbone.shard.", "backbone.warehouse."), false);

    static List<String> overlays() {
        return Kustomize.overlays().stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<JsonNode> rendered(String overlay) {
        return Kustomize.render(Kustomize.repoRoot().resolve(Path.of("k8s", "overlays", overlay)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldConfigureAndProbeTheStreamsAppTheWayAppConfigAndHealthServerDefine(String overlay) {
        assertThat(AppContracts.streams(rendered(overlay), STREAMS_KEYS)).as("Streams app contract in " + overlay).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldConfigureAndProbeTheQueryServiceTheWayQueryPropertiesAndItsActuatorDefine(String overlay) {
        assertThat(AppContracts.query(rendered(overlay), QUERY_KEYS)).as("query service contract in " + overlay).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldRunTheReconciliationCronJobInClusterModeWithExactlyTheKeysItReads(String overlay) {
        assertThat(AppContracts.job(rendered(overlay), RECONCILE_KEYS)).as("reconciliation contract in " + overlay).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldRunTheBatchEtlCronJobInClusterModeWithExactlyTheKeysItReads(String overlay) {
        assertThat(AppContracts.job(rendered(overlay), ETL_KEYS)).as("batch ETL contract in " + overlay).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldGiveTheIndexWriterTheQueryServiceAndReconciliationTheSameKeyPrefix(String overlay) {
        List<JsonNode> objects = rendered(overlay);
        List<String> prefixes = new ArrayList<>();
        for (JsonNode d : AppContracts.deploymentsOf(objects, AppContracts.STREAMS)) {
            prefixes.add(env(objects, d).getOrDefault("BACKBONE_INDEX_KEY_PREFIX", "(default)"));
        }
        for (JsonNode d : AppContracts.deploymentsOf(objects, AppContracts.QUERY)) {
            prefixes.add(env(objects, d).getOrDefault("BACKBONE_QUERY_INDEXPREFIX", "(default)"));
        }
        objects.stream().filter(o -> o.path("kind").asText().equals("CronJob") && AppContracts.jobPod(o).path("metadata").path("labels")
                .path("app.kubernetes.io/name").asText().equals("reconciliation")).forEach(c -> {
                    JsonNode container = AppContracts.jobPod(c).path("spec").path("containers").get(0);
                    assertThat(container.path("args").toString()).as("reconciliation takes its prefix from the key").doesNotContain("--key-prefix");
                    prefixes.add(containerEnv(objects, container).getOrDefault("BACKBONE_INDEX_KEY_PREFIX", "(default)"));
                });
        assertThat(prefixes).isNotEmpty();
        assertThat(prefixes.stream().distinct()).as("index key prefixes of the Streams app and the query service").hasSize(1);
    }

    private static Map<String, String> env(List<JsonNode> objects, JsonNode deployment) {
        return containerEnv(objects, deployment.path("spec").path("template").path("spec").path("containers").get(0));
    }

    private static Map<String, String> containerEnv(List<JsonNode> objects, JsonNode container) {
        Map<String, String> values = new TreeMap<>();
        AppContracts.environment(container, objects, "", new ArrayList<>())
                .forEach((name, var) -> values.put(name, var.value() == null ? "(secret)" : var.value()));
        return values;
    }

    // ---------------------------------------------------------------------------------------------
    // The checker itself (so a green run means something).

    @Test
    void shouldReadTheStreamsKeysFromTheAppSources() {
        assertThat(STREAMS_KEYS.keys()).contains("backbone.streams.bootstrap-servers", "backbone.streams.state-dir",
                "backbone.shard.user", "backbone.shard.password", "backbone.redis.sentinel-uri", "backbone.index.key-prefix",
                "backbone.health.port", "backbone.config-file");
        assertThat(STREAMS_KEYS.required()).contains("backbone.streams.bootstrap-servers", "backbone.streams.state-dir",
                "backbone.redis.sentinel-uri");
        assertThat(STREAMS_KEYS.keyOf("BACKBONE_SHARD_3_JDBC_URL")).isEqualTo("backbone.shard.3.jdbc-url");
        assertThat(STREAMS_KEYS.keyOf("BACKBONE_STREAMS_BOOTSTRAP_SERVERS")).isEqualTo("backbone.streams.bootstrap-servers");
        assertThat(STREAMS_KEYS.keyOf("BACKBONE_TOPOLOGY_STREAMS_BOOTSTRAPSERVERS")).isNull();
        assertThat(STREAMS_KEYS.keyOf("BACKBONE_SHARD_0_USERNAME")).isNull();
        assertThat(STREAMS_KEYS.healthPaths()).contains("/health/live", "/health/ready");
        assertThat(STREAMS_KEYS.defaultHealthPort()).isPositive();
    }

    @Test
    void shouldReadTheJobsKeysFromClusterConfigAndKafkaSecurity() {
        assertThat(RECONCILE_KEYS.keys()).contains("backbone.shard.user", "backbone.shard.password", "backbone.warehouse.jdbc-url",
                "backbone.warehouse.user", "backbone.warehouse.password", "backbone.redis.sentinel-uri", "backbone.redis.username",
                "backbone.redis.password", "backbone.redis.sentinel-password", "backbone.index.key-prefix",
                "backbone.kafka.bootstrap-servers", "backbone.kafka.security-protocol", "backbone.kafka.sasl-mechanism",
                "backbone.kafka.username", "backbone.kafka.password", "backbone.kafka.ca-file", "backbone.streams.application-id");
        assertThat(RECONCILE_KEYS.required()).containsExactlyInAnyOrder("backbone.shard.user", "backbone.shard.password",
                "backbone.warehouse.jdbc-url", "backbone.warehouse.user", "backbone.warehouse.password", "backbone.redis.sentinel-uri",
                "backbone.kafka.bootstrap-servers");
        assertThat(RECONCILE_KEYS.keyOf("BACKBONE_SHARD_1_JDBC_URL")).isEqualTo("backbone.shard.1.jdbc-url");
        assertThat(ETL_KEYS.keys()).containsExactlyInAnyOrder("backbone.shard.user", "backbone.shard.password",
                "backbone.warehouse.jdbc-url", "backbone.warehouse.user", "backbone.warehouse.password");
        assertThat(ETL_KEYS.keyOf("BACKBONE_REDIS_SENTINEL_URI")).isNull();
    }

    /** One spelling per fact: a key the jobs share with the Streams app is the key AppConfig (or KafkaSecurity) reads. */
    @Test
    void shouldSpellTheKeysTheJobsShareWithTheStreamsAppAsTheAppDoes() {
        List<String> shared = RECONCILE_KEYS.keys().stream()
                .filter(k -> k.startsWith("backbone.shard.") || k.startsWith("backbone.redis.") || k.startsWith("backbone.index.")
                        || k.startsWith("backbone.kafka.") || k.startsWith("backbone.streams."))
                .filter(k -> !k.equals("backbone.kafka.bootstrap-servers")) // the app's brokers are backbone.streams.bootstrap-servers
                .toList();

        assertThat(shared).hasSizeGreaterThan(8).allSatisfy(k -> assertThat(STREAMS_KEYS.keyOf(AppSources.StreamsKeys.envName(k)))
                .as("the Streams app's key for " + k).isEqualTo(k));
        assertThat(STREAMS_KEYS.keyOf(RECONCILE_KEYS.indexed().get(0).envName(0))).isEqualTo("backbone.shard.0.jdbc-url");
    }

    /** The CronJob as it was while cluster mode did not exist: suspended, no configuration, the prefix as a flag. */
    private static final String OLD_RECONCILIATION = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: reconciliation}
            spec:
              suspend: true
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app.kubernetes.io/name: reconciliation}}
                    spec:
                      containers:
                        - name: reconciliation
                          image: backbone/reconciliation:0.1.0
                          args: [reconcile, --repair, --key-prefix, "backbone:idx:"]
                          volumeMounts: [{name: tmp, mountPath: /tmp}]
            """;

    @Test
    void shouldRejectTheReconciliationCronJobAsItWasBeforeClusterMode() {
        List<String> violations = AppContracts.job(Kustomize.parse(OLD_RECONCILIATION), RECONCILE_KEYS);

        assertThat(violations).anySatisfy(v -> assertThat(v).contains("required key backbone.shard.<i>.jdbc-url is not set"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("required key backbone.warehouse.user is not set"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("required key backbone.redis.sentinel-uri is not set"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("required key backbone.kafka.bootstrap-servers is not set"));
    }

    @Test
    void shouldAcceptTheReconciliationCronJobConfiguredAndCatchEachSingleRegression() {
        String fixed = withSiblings(OLD_RECONCILIATION.replace("  suspend: true\n", ""), "image: backbone/reconciliation",
                "env:",
                "  - {name: BACKBONE_SHARD_0_JDBC_URL, value: \"jdbc:postgresql://shard-0-rw/backbone?sslmode=verify-full&sslrootcert=/ca/0.crt\"}",
                "  - {name: BACKBONE_SHARD_USER, valueFrom: {secretKeyRef: {name: s, key: username}}}",
                "  - {name: BACKBONE_SHARD_PASSWORD, valueFrom: {secretKeyRef: {name: s, key: password}}}",
                "  - {name: BACKBONE_WAREHOUSE_JDBC_URL, value: \"jdbc:postgresql://warehouse-rw/backbone?sslmode=verify-full\"}",
                "  - {name: BACKBONE_WAREHOUSE_USER, valueFrom: {secretKeyRef: {name: w, key: username}}}",
                "  - {name: BACKBONE_WAREHOUSE_PASSWORD, valueFrom: {secretKeyRef: {name: w, key: password}}}",
                "  - {name: BACKBONE_REDIS_SENTINEL_URI, value: \"redis-sentinel://redis-sentinel:26379?sentinelMasterId=mymaster\"}",
                "  - {name: BACKBONE_KAFKA_BOOTSTRAP_SERVERS, value: \"backbone-kafka-bootstrap:9093\"}",
                "  - {name: BACKBONE_KAFKA_CA_FILE, value: /ca/kafka.crt}")
                .replace("volumeMounts: [{name: tmp, mountPath: /tmp}]", "volumeMounts: [{name: tmp, mountPath: /tmp}, {name: ca, mountPath: /ca}]");

        assertThat(AppContracts.job(Kustomize.parse(fixed), RECONCILE_KEYS)).isEmpty();
        assertThat(AppContracts.job(Kustomize.parse(fixed.replace("BACKBONE_SHARD_0_JDBC_URL", "BACKBONE_SHARD_1_JDBC_URL")),
                RECONCILE_KEYS)).anySatisfy(v -> assertThat(v).contains("not consecutive from 0"));
        assertThat(AppContracts.job(Kustomize.parse(fixed.replace("BACKBONE_WAREHOUSE_USER", "BACKBONE_WAREHOUSE_USERNAME")),
                RECONCILE_KEYS)).anySatisfy(v -> assertThat(v).contains("env BACKBONE_WAREHOUSE_USERNAME is not a key reconciliation reads"));
        assertThat(AppContracts.job(Kustomize.parse(fixed.replace("{name: BACKBONE_SHARD_PASSWORD, valueFrom: {secretKeyRef: {name: s, key:"
                + " password}}}", "{name: BACKBONE_SHARD_PASSWORD}")), RECONCILE_KEYS))
                .anySatisfy(v -> assertThat(v).contains("env BACKBONE_SHARD_PASSWORD must be set from a Secret"));
        assertThat(AppContracts.job(Kustomize.parse(fixed.replace("sslmode=verify-full&sslrootcert", "sslmode=require&sslrootcert")),
                RECONCILE_KEYS)).anySatisfy(v -> assertThat(v).contains("BACKBONE_SHARD_0_JDBC_URL must connect with sslmode=verify-full"));
        assertThat(AppContracts.job(Kustomize.parse(fixed.replace("sslrootcert=/ca/0.crt", "sslrootcert=/etc/0.crt")), RECONCILE_KEYS))
                .anySatisfy(v -> assertThat(v).contains("BACKBONE_SHARD_0_JDBC_URL sslrootcert /etc/0.crt is on no volume mount"));
        assertThat(AppContracts.job(Kustomize.parse(fixed.replace("/ca/kafka.crt", "/etc/kafka.crt")), RECONCILE_KEYS))
                .anySatisfy(v -> assertThat(v).contains("BACKBONE_KAFKA_CA_FILE /etc/kafka.crt is on no volume mount"));
        // The same environment is too much for the ETL, which reads no Redis or Kafka.
        assertThat(AppContracts.job(Kustomize.parse(fixed.replace("reconciliation", "batch-etl")), ETL_KEYS))
                .anySatisfy(v -> assertThat(v).contains("env BACKBONE_REDIS_SENTINEL_URI is not a key batch-etl reads"))
                .anySatisfy(v -> assertThat(v).contains("env BACKBONE_KAFKA_BOOTSTRAP_SERVERS is not a key batch-etl reads"));
    }

    @Test
    void shouldBindQueryVariablesTheWaySpringRelaxedBindingDoes() {
        assertThat(QUERY_KEYS.prefix()).isEqualTo("backbone.query");
        assertThat(QUERY_KEYS.componentOf("BACKBONE_QUERY_REDISURI")).isEqualTo("redisUri");
        assertThat(QUERY_KEYS.componentOf("BACKBONE_QUERY_REDIS_URI")).isEqualTo("redisUri");
        assertThat(QUERY_KEYS.componentOf("BACKBONE_QUERY_SHARDS_1")).isEqualTo("shards");
        assertThat(QUERY_KEYS.componentOf("BACKBONE_QUERY_SHARDUSER_1")).isNull();
        assertThat(QUERY_KEYS.componentOf("BACKBONE_QUERY_REDIS_URL")).isNull();
    }

    /** The Streams Deployment as it was before issue 8's fix: Spring-style names, actuator probes on 8080. */
    private static final String OLD_STREAMS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: streams-topology-config}
            data:
              BACKBONE_TOPOLOGY_STREAMS_BOOTSTRAPSERVERS: backbone-kafka-bootstrap:9093
              BACKBONE_TOPOLOGY_STREAMS_STATEDIR: /var/lib/kafka-streams
              BACKBONE_SHARD_0_JDBC_URL: jdbc:postgresql://shard-0-rw:5432/backbone
              BACKBONE_REDIS_URI: redis-sentinel://redis-sentinel:26379?sentinelMasterId=mymaster
              OTEL_SERVICE_NAME: streams-topology
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: streams-topology}
            spec:
              template:
                metadata: {labels: {app.kubernetes.io/name: streams-topology}}
                spec:
                  containers:
                    - name: streams-topology
                      image: backbone/streams-topology:0.1.0
                      envFrom: [{configMapRef: {name: streams-topology-config}}]
                      env:
                        - {name: BACKBONE_SHARD_0_PASSWORD, valueFrom: {secretKeyRef: {name: s, key: password}}}
                      ports: [{name: http, containerPort: 8080}]
                      startupProbe: {httpGet: {path: /actuator/health/liveness, port: http}}
                      livenessProbe: {httpGet: {path: /actuator/health/liveness, port: http}}
                      readinessProbe: {httpGet: {path: /actuator/health/readiness, port: http}}
                      volumeMounts: [{name: state, mountPath: /var/lib/kafka-streams}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: streams-topology}
            spec:
              podSelector: {matchLabels: {app.kubernetes.io/name: streams-topology}}
              ingress: [{ports: [{protocol: TCP, port: 9999}]}]
            """;

    @Test
    void shouldRejectTheStreamsDeploymentAsItWasBeforeTheFix() {
        List<String> violations = AppContracts.streams(Kustomize.parse(OLD_STREAMS), STREAMS_KEYS);

        assertThat(violations).anySatisfy(v -> assertThat(v).contains("env BACKBONE_TOPOLOGY_STREAMS_BOOTSTRAPSERVERS is not a key"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("env BACKBONE_REDIS_URI is not a key"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("env BACKBONE_SHARD_0_PASSWORD is not a key"));
        assertThat(violations).anySatisfy(v -> assertThat(v)
                .contains("required key backbone.streams.bootstrap-servers is not set (env BACKBONE_STREAMS_BOOTSTRAP_SERVERS)"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("required key backbone.redis.sentinel-uri is not set"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("env BACKBONE_SHARD_PASSWORD must be set from a Secret"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("declares no containerPort 8081"));
        assertThat(violations).anySatisfy(v -> assertThat(v)
                .contains("readinessProbe GETs /actuator/health/readiness but must GET one of [/health/ready]"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("livenessProbe GETs /actuator/health/liveness"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("livenessProbe targets port http (8080)"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("NetworkPolicy streams-topology admits ingress on port 9999"));
    }

    /** {@link #OLD_STREAMS} with every issue-8 finding fixed. */
    private static final String FIXED_STREAMS = OLD_STREAMS
            .replace("BACKBONE_TOPOLOGY_STREAMS_BOOTSTRAPSERVERS", "BACKBONE_STREAMS_BOOTSTRAP_SERVERS")
            .replace("BACKBONE_TOPOLOGY_STREAMS_STATEDIR", "BACKBONE_STREAMS_STATE_DIR")
            .replace("BACKBONE_REDIS_URI", "BACKBONE_REDIS_SENTINEL_URI")
            .replace("  OTEL_SERVICE_NAME: streams-topology\n", "  BACKBONE_HEALTH_PORT: \"8081\"\n")
            .replace("BACKBONE_SHARD_0_PASSWORD", "BACKBONE_SHARD_PASSWORD")
            .replace("{name: http, containerPort: 8080}", "{name: health, containerPort: 8081}")
            .replace("path: /actuator/health/liveness, port: http", "path: /health/live, port: health")
            .replace("path: /actuator/health/readiness, port: http", "path: /health/ready, port: health")
            .replace("port: 9999", "port: 8081");

    @Test
    void shouldAcceptTheStreamsDeploymentOnceFixedAndCatchEachSingleRegression() {
        String fixed = FIXED_STREAMS;

        assertThat(AppContracts.streams(Kustomize.parse(fixed), STREAMS_KEYS)).isEmpty();
        assertThat(AppContracts.streams(Kustomize.parse(fixed.replace("BACKBONE_HEALTH_PORT: \"8081\"", "BACKBONE_HEALTH_PORT: \"0\"")),
                STREAMS_KEYS)).anySatisfy(v -> assertThat(v).contains("the probes need a fixed port"));
        assertThat(AppContracts.streams(Kustomize.parse(fixed.replace("BACKBONE_SHARD_0_JDBC_URL", "BACKBONE_SHARD_1_JDBC_URL")),
                STREAMS_KEYS)).anySatisfy(v -> assertThat(v).contains("not consecutive from 0"));
        assertThat(AppContracts.streams(Kustomize.parse(fixed.replace("mountPath: /var/lib/kafka-streams}",
                "mountPath: /var/lib/kafka-streams, readOnly: true}")), STREAMS_KEYS))
                .anySatisfy(v -> assertThat(v).contains("is not on a writable volume mount"));
        assertThat(AppContracts.streams(Kustomize.parse(fixed.replace("path: /health/ready, port: health",
                "path: /health/ready, port: 8080")), STREAMS_KEYS))
                .anySatisfy(v -> assertThat(v).contains("readinessProbe targets port 8080"));
        // A helper variable is fine when another value expands it (e.g. a password in a URI).
        String withHelper = withSiblings(fixed, "- {name: BACKBONE_SHARD_PASSWORD,",
                "- {name: REDIS_PASSWORD, valueFrom: {secretKeyRef: {name: r, key: p}}}",
                "- {name: BACKBONE_REDIS_SENTINEL_URI, value: \"redis-sentinel://u:$(REDIS_PASSWORD)@h:26379\"}");
        assertThat(AppContracts.streams(Kustomize.parse(withHelper), STREAMS_KEYS)).isEmpty();
        assertThat(AppContracts.streams(Kustomize.parse(withSiblings(fixed, "- {name: BACKBONE_SHARD_PASSWORD,",
                "- {name: REDIS_PASSWORD, valueFrom: {secretKeyRef: {name: r, key: p}}}")), STREAMS_KEYS))
                .anySatisfy(v -> assertThat(v).contains("env REDIS_PASSWORD is read by nothing"));
    }

    @Test
    void shouldAcceptTheStandardOtelVariablesForTheStreamsAppOnlyWithEgressToTheCollector() {
        assertThat(STREAMS_KEYS.tracesExported()).as("TraceExport builds the SDK with the autoconfigure").isTrue();
        String exporting = withSiblings(FIXED_STREAMS, "BACKBONE_HEALTH_PORT: \"8081\"",
                "OTEL_SERVICE_NAME: streams-topology",
                "OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector.observability.svc:4317",
                "OTEL_TRACES_SAMPLER_ARG: \"0.1\"",
                "OTEL_RESOURCE_ATTRIBUTES: service.namespace=backbone");
        String withEgress = exporting.replace("ingress: [{ports: [{protocol: TCP, port: 8081}]}]",
                "ingress: [{ports: [{protocol: TCP, port: 8081}]}]\n  egress: [{ports: [{protocol: TCP, port: 4317}]}]");

        assertThat(AppContracts.streams(Kustomize.parse(withEgress), STREAMS_KEYS)).isEmpty();
        assertThat(AppContracts.streams(Kustomize.parse(exporting), STREAMS_KEYS))
                .anySatisfy(v -> assertThat(v).contains("no NetworkPolicy for its pods admits egress to port 4317"));
        // A misspelt name would be ignored by the SDK; Spring Boot's names are the query service's only.
        assertThat(AppContracts.streams(Kustomize.parse(withSiblings(withEgress, "OTEL_SERVICE_NAME: streams-topology",
                "OTEL_TRACE_EXPORTER: otlp", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY: \"0.1\"")), STREAMS_KEYS))
                .anySatisfy(v -> assertThat(v).contains("env OTEL_TRACE_EXPORTER is not a variable the OpenTelemetry SDK's"))
                .anySatisfy(v -> assertThat(v).contains("env MANAGEMENT_TRACING_SAMPLING_PROBABILITY is read by nothing"));
        // Without the SDK in the app, the same variables are read by nothing.
        AppSources.StreamsKeys withoutSdk = new AppSources.StreamsKeys(STREAMS_KEYS.keys(), STREAMS_KEYS.indexed(),
                STREAMS_KEYS.required(), STREAMS_KEYS.defaultHealthPort(), STREAMS_KEYS.healthPaths(), false);
        assertThat(AppContracts.streams(Kustomize.parse(withEgress), withoutSdk))
                .anySatisfy(v -> assertThat(v).contains("env OTEL_SERVICE_NAME is read by nothing"));
    }

    /** {@code yaml} with {@code lines} added after the line containing {@code anchor}, at its indentation. */
    private static String withSiblings(String yaml, String anchor, String... lines) {
        int at = yaml.indexOf(anchor);
        int lineStart = yaml.lastIndexOf('\n', at) + 1;
        int lineEnd = yaml.indexOf('\n', at) + 1;
        String indent = yaml.substring(lineStart, at);
        StringBuilder added = new StringBuilder();
        for (String line : lines) {
            added.append(indent).append(line).append('\n');
        }
        return yaml.substring(0, lineEnd) + added + yaml.substring(lineEnd);
    }

    @Test
    void shouldRejectQueryVariablesTheServiceDoesNotBind() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: query-service}
                spec:
                  template:
                    metadata: {labels: {app.kubernetes.io/name: query-service}}
                    spec:
                      containers:
                        - name: query-service
                          env:
                            - {name: MANAGEMENT_SERVER_PORT, value: "8081"}
                            - {name: BACKBONE_QUERY_SHARDS_0, value: "jdbc:postgresql://a/b"}
                            - {name: BACKBONE_QUERY_REDISURI, value: "redis-sentinel://h:26379?sentinelMasterId=m"}
                            - {name: BACKBONE_QUERY_SHARDPASSWORD, valueFrom: {secretKeyRef: {name: s, key: password}}}
                            - {name: EXTRA}
                          ports: [{name: management, containerPort: 8081}]
                          startupProbe: {httpGet: {path: /actuator/health/liveness, port: management}}
                          livenessProbe: {httpGet: {path: /actuator/health/liveness, port: management}}
                          readinessProbe: {httpGet: {path: /actuator/health/readiness, port: management}}
                """;

        assertThat(AppContracts.query(Kustomize.parse(deployment.replace("            - {name: EXTRA}\n", "")), QUERY_KEYS)).isEmpty();
        assertThat(AppContracts.query(Kustomize.parse(deployment.replace("{name: EXTRA}", "{name: BACKBONE_REDIS_PASSWORD}")),
                QUERY_KEYS)).anySatisfy(v -> assertThat(v).contains("env BACKBONE_REDIS_PASSWORD is read by nothing"));
        assertThat(AppContracts.query(Kustomize.parse(deployment.replace("{name: EXTRA}", "{name: BACKBONE_QUERY_REDIS_URL}")),
                QUERY_KEYS)).anySatisfy(v -> assertThat(v).contains("env BACKBONE_QUERY_REDIS_URL binds to no backbone.query"));
        assertThat(AppContracts.query(Kustomize.parse(deployment.replace(
                "livenessProbe: {httpGet: {path: /actuator/health/liveness, port: management}}",
                "livenessProbe: {httpGet: {path: /actuator/health/liveness, port: 8080}}")), QUERY_KEYS))
                .anySatisfy(v -> assertThat(v).contains("livenessProbe targets port 8080"));
    }

    @Test
    void shouldFailLoudlyWhenTheSourcesCannotBeScanned() {
        assertThatThrownBy(() -> AppSources.read("streams-topology/src/main/java/NoSuchFile.java"))
                .hasMessageContaining("cannot read");
    }
}
