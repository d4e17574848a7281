package dev.backbone.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The validator itself: each rule catches what it is for (so a green manifest run means something). */
class ManifestRulesTest {

    private static final String GOOD_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: app
                      image: backbone/app:1.2.3
                      IMAGE_PULL
                      env:
                        - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
                        - {name: PORT, value: "8080"}
                      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                      resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: "1", memory: 256Mi}}
                      readinessProbe: {httpGet: {path: /actuator/health/readiness, port: 8080}}
                      livenessProbe: {httpGet: {path: /actuator/health/liveness, port: 8080}}
            """;

    private static JsonNode one(String yaml) {
        List<JsonNode> docs = Kustomize.parse(yaml);
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }

    private static JsonNode deployment(String replaceImagePull, String... replacements) {
        String yaml = GOOD_DEPLOYMENT.replace("IMAGE_PULL", replaceImagePull);
        for (int i = 0; i < replacements.length; i += 2) {
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        return one(yaml);
    }

    @Test
    void shouldAcceptAWellFormedPinnedProbedNonRootDeployment() {
        JsonNode good = deployment("imagePullPolicy: IfNotPresent");

        assertThat(ManifestSchemas.validate(good)).isEmpty();
        assertThat(ManifestPolicy.check(good)).isEmpty();
    }

    @Test
    void shouldRejectAFieldTheKubernetesApiDoesNotKnow() {
        JsonNode typo = deployment("imagePullPolicyy: IfNotPresent");

        assertThat(ManifestSchemas.validate(typo))
                .anySatisfy(v -> assertThat(v).contains("spec.template.spec.containers[0]").contains("imagePullPolicyy"));
    }

    @Test
    void shouldRejectANumberWhereTheApiWantsAString() {
        JsonNode unquoted = deployment("", "value: \"8080\"", "value: 8080");

        assertThat(ManifestSchemas.validate(unquoted)).anySatisfy(v -> assertThat(v).contains("does not bind"));
    }

    @Test
    void shouldRejectAStrimziFieldTheOperatorDoesNotKnow() {
        JsonNode kafka = one("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: Kafka
                metadata: {name: k}
                spec:
                  kafka:
                    listeners: [{name: tls, port: 9093, type: internal, tls: true}]
                    rackk: {topologyKey: topology.kubernetes.io/zone}
                """);

        assertThat(ManifestSchemas.validate(kafka)).anySatisfy(v -> assertThat(v).contains("spec.kafka").contains("rackk"));
    }

    @Test
    void shouldRejectAStrimziResourceWithoutAFieldTheOperatorRequires() {
        JsonNode user = one("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: u}
                spec:
                  authorization:
                    type: simple
                    acls:
                      - operations: [Read]
                """);

        assertThat(ManifestSchemas.validate(user)).anySatisfy(v -> assertThat(v).contains("resource").contains("required"));
    }

    @Test
    void shouldRejectAKedaScaledObjectWithoutTriggers() {
        JsonNode scaled = one("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: s}
                spec: {scaleTargetRef: {name: app}, maxReplicaCount: 6}
                """);

        assertThat(ManifestSchemas.validate(scaled)).anySatisfy(v -> assertThat(v).contains("triggers"));
    }

    @Test
    void shouldRejectACloudNativePgClusterWithAnUnknownSynchronousMethod() {
        JsonNode cluster = one("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: c}
                spec:
                  instances: 3
                  storage: {size: 10Gi}
                  postgresql: {synchronous: {method: quorum, number: 1}}
                """);

        assertThat(ManifestSchemas.validate(cluster)).anySatisfy(v -> assertThat(v).contains("method"));
    }

    @Test
    void shouldRejectAChaosExperimentWithAnUnknownDirection() {
        JsonNode chaos = one("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: n}
                spec:
                  action: partition
                  mode: all
                  direction: sideways
                  selector: {namespaces: [backbone]}
                """);

        assertThat(ManifestSchemas.validate(chaos)).anySatisfy(v -> assertThat(v).contains("direction"));
    }

    private static final String STRESS_CHAOS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: StressChaos
            metadata: {name: s}
            spec:
              mode: all
              duration: 5m
              selector: {namespaces: [backbone], labelSelectors: {app: a}}
              STRESSORS
            """;

    @Test
    void shouldAcceptAWellFormedStressChaosAndRejectOneThatStressesNothing() {
        JsonNode good = one(STRESS_CHAOS.replace("STRESSORS", "stressors: {cpu: {workers: 2, load: 80}}"));
        JsonNode noWorkers = one(STRESS_CHAOS.replace("STRESSORS", "stressors: {cpu: {load: 80}}"));
        JsonNode unknownStressor = one(STRESS_CHAOS.replace("STRESSORS", "stressors: {disk: {workers: 1}}"));
        JsonNode overloaded = one(STRESS_CHAOS.replace("STRESSORS", "stressors: {cpu: {workers: 1, load: 150}}"));
        JsonNode none = one(STRESS_CHAOS.replace("STRESSORS", ""));

        assertThat(ManifestSchemas.validate(good)).isEmpty();
        assertThat(ManifestSchemas.validate(noWorkers)).anySatisfy(v -> assertThat(v).contains("workers"));
        assertThat(ManifestSchemas.validate(unknownStressor)).anySatisfy(v -> assertThat(v).contains("disk"));
        assertThat(ManifestSchemas.validate(overloaded)).anySatisfy(v -> assertThat(v).contains("load"));
        assertThat(ManifestSchemas.validate(none)).anySatisfy(v -> assertThat(v).contains("stressors"));
    }

    @Test
    void shouldRejectAChaosExperimentAimedAtPodsTheManifestsDoNotCreate() {
        JsonNode app = deployment("", "metadata: {name: app}", "metadata: {name: app, namespace: backbone}");
        JsonNode redis = one("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: redis, namespace: backbone}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: redis}}
                  template:
                    metadata: {labels: {app: redis}}
                    spec: {containers: [{name: redis, image: redis:7.4.5}]}
                """);
        String experiment = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: c, namespace: backbone}
                spec: {action: pod-kill, mode: one, selector: SELECTOR}
                """;

        assertThat(ChaosTargets.violations(List.of(app, redis,
                one(experiment.replace("SELECTOR", "{namespaces: [backbone], labelSelectors: {app: a}}"))))).isEmpty();
        assertThat(ChaosTargets.violations(List.of(app, redis,
                one(experiment.replace("SELECTOR", "{namespaces: [backbone], pods: {backbone: [redis-2]}}"))))).isEmpty();
        assertThat(ChaosTargets.violations(List.of(app, redis,
                one(experiment.replace("SELECTOR", "{namespaces: [backbone], labelSelectors: {app: b}}")))))
                .singleElement().satisfies(v -> assertThat(v).contains("selects no pod"));
        assertThat(ChaosTargets.violations(List.of(app, redis,
                one(experiment.replace("SELECTOR", "{namespaces: [other], labelSelectors: {app: a}}")))))
                .singleElement().satisfies(v -> assertThat(v).contains("selects no pod"));
        assertThat(ChaosTargets.violations(List.of(app, redis,
                one(experiment.replace("SELECTOR", "{namespaces: [backbone], pods: {backbone: [redis-3]}}")))))
                .singleElement().satisfies(v -> assertThat(v).contains("backbone/redis-3"));
        assertThat(ChaosTargets.violations(List.of(app, redis,
                one(experiment.replace("SELECTOR", "{namespaces: [backbone]}")))))
                .singleElement().satisfies(v -> assertThat(v).contains("every pod"));
        assertThat(ChaosTargets.violations(List.of(app, redis, one("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: p, namespace: backbone}
                spec:
                  action: partition
                  mode: all
                  selector: {namespaces: [backbone], labelSelectors: {app: redis}}
                  target:
                    mode: all
                    selector:
                      namespaces: [backbone]
                      expressionSelectors: [{key: app, operator: In, values: [a, redis]}]
                """)))).singleElement().satisfies(v -> assertThat(v).contains("from themselves"));
    }

    @Test
    void shouldNeverSkipAKindWithoutASchema() {
        JsonNode unknown = one("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                """);

        assertThat(ManifestSchemas.validate(unknown)).anySatisfy(v -> assertThat(v).contains("no schema for example.com/v1/Widget"));
    }

    @Test
    void shouldRejectUnpinnedImages() {
        assertThat(ManifestPolicy.check(deployment("", "backbone/app:1.2.3", "backbone/app:latest")))
                .anySatisfy(v -> assertThat(v).contains("latest"));
        assertThat(ManifestPolicy.check(deployment("", "backbone/app:1.2.3", "registry:5000/backbone/app")))
                .anySatisfy(v -> assertThat(v).contains("no tag"));
        assertThat(ManifestPolicy.imageProblem("registry:5000/backbone/app@sha256:abc")).isNull();
    }

    @Test
    void shouldRequireResourcesAndProbes() {
        JsonNode bare = deployment("", "resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: \"1\", memory: 256Mi}}",
                "resources: {requests: {cpu: 100m}}", "readinessProbe:", "startupProbe:");

        assertThat(ManifestPolicy.check(bare)).contains(
                "container app has no resources.requests.memory",
                "container app has no resources.limits.cpu",
                "container app has no resources.limits.memory",
                "container app has no readinessProbe");
    }

    @Test
    void shouldRejectPrivilegeAndRoot() {
        JsonNode privileged = deployment("", "{allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}", "{privileged: true}",
                "securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}", "hostNetwork: true");

        assertThat(ManifestPolicy.check(privileged)).contains(
                "pod sets hostNetwork: true",
                "container app is privileged",
                "container app must set securityContext.allowPrivilegeEscalation: false",
                "container app must run as non-root (runAsNonRoot: true on the pod or the container)",
                "container app must drop all capabilities (securityContext.capabilities.drop: [ALL])",
                "container app needs seccompProfile RuntimeDefault (on the pod or the container)");
    }

    @Test
    void shouldRejectInlineSecrets() {
        JsonNode inlineEnv = deployment("", "valueFrom: {secretKeyRef: {name: db, key: password}}", "value: hunter2");
        JsonNode secret = one("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                stringData: {password: hunter2}
                """);
        JsonNode url = deployment("", "value: \"8080\"", "value: \"postgres://backbone:hunter2@db:5432/x\"");

        assertThat(ManifestPolicy.check(inlineEnv)).anySatisfy(v -> assertThat(v).contains("DB_PASSWORD has an inline value"));
        assertThat(ManifestPolicy.check(secret)).anySatisfy(v -> assertThat(v).contains("Secret carries inline values"));
        assertThat(ManifestPolicy.check(url)).anySatisfy(v -> assertThat(v).contains("URL with an inline password"));
    }
}
