package dev.backbone.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Every overlay under k8s/overlays renders with kubectl's kustomize, every rendered object passes
 * its schema and the policy, and the rendered whole keeps the architecture's promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedManifestsTest {

    private static final Set<String> ZONES = Set.of("az-a", "az-b", "az-c");
    private static final String ZONE_KEY = "topology.kubernetes.io/zone";

    private final Map<String, List<JsonNode>> rendered = new LinkedHashMap<>();

    @BeforeAll
    void renderEveryOverlay() {
        // Renders run in parallel: each is a kubectl process, and the machines have 2 cores.
        Map<String, List<JsonNode>> byName = Kustomize.overlays().parallelStream()
                .collect(Collectors.toConcurrentMap(p -> p.getFileName().toString(), Kustomize::render));
        overlays().forEach(o -> rendered.put(o, byName.get(o)));
    }

    List<String> overlays() {
        return Kustomize.overlays().stream().map(p -> p.getFileName().toString()).toList();
    }

    private List<JsonNode> objects(String overlay, String kind) {
        return rendered.get(overlay).stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void shouldHaveEveryOverlayTheDeployGuideDescribes() {
        assertThat(overlays()).contains("dev", "dev-chaos", "prod", "prod-canary", "prod-no-keda");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldPassTheSchemaOfEveryRenderedObject(String overlay) {
        List<String> violations = new ArrayList<>();
        for (JsonNode o : rendered.get(overlay)) {
            ManifestSchemas.validate(o).forEach(v -> violations.add(ManifestSchemas.key(o) + " " + name(o) + ": " + v));
        }
        assertThat(rendered.get(overlay)).isNotEmpty();
        assertThat(violations).as("schema violations in overlay " + overlay).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldPassThePolicyForEveryRenderedObject(String overlay) {
        List<String> violations = new ArrayList<>();
        for (JsonNode o : rendered.get(overlay)) {
            ManifestPolicy.check(o).forEach(v -> violations.add(ManifestSchemas.key(o) + " " + name(o) + ": " + v));
        }
        assertThat(violations).as("policy violations in overlay " + overlay).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldRunKafkaInKraftWithOneNodePoolPerZoneAndDurableDefaults(String overlay) {
        JsonNode kafka = objects(overlay, "Kafka").get(0);
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        JsonNode spec = kafka.path("spec").path("kafka");
        assertThat(spec.path("rack").path("topologyKey").asText()).isEqualTo(ZONE_KEY);
        assertThat(spec.path("config").path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(spec.path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(spec.path("config").path("unclean.leader.election.enable").asBoolean(true)).isFalse();
        assertThat(spec.path("config").path("auto.create.topics.enable").asBoolean(true)).isFalse();
        // Transactions v2: produces that race the previous commit's markers wait on the broker, not in client back-off.
        assertThat(spec.path("config").path("add.partitions.to.txn.retry.backoff.max.ms").asInt()).isGreaterThanOrEqualTo(1_000);
        assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");

        List<JsonNode> pools = objects(overlay, "KafkaNodePool");
        Set<String> poolZones = pools.stream()
                .flatMap(p -> list(p.path("spec").path("template").path("pod").path("affinity").path("nodeAffinity")
                        .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")).stream())
                .flatMap(term -> list(term.path("matchExpressions")).stream())
                .filter(e -> e.path("key").asText().equals(ZONE_KEY))
                .flatMap(e -> list(e.path("values")).stream().map(JsonNode::asText))
                .collect(Collectors.toSet());
        assertThat(poolZones).isEqualTo(ZONES);
        assertThat(pools).allSatisfy(p -> assertThat(list(p.path("spec").path("roles")).stream().map(JsonNode::asText))
                .contains("broker", "controller"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldIncludeEveryGeneratedTopic(String overlay) {
        List<JsonNode> generated = Kustomize.parse(readGeneratedTopics());
        assertThat(objects(overlay, "KafkaTopic").stream().map(t -> t.path("spec").path("topicName").asText()))
                .containsExactlyInAnyOrderElementsOf(generated.stream().map(t -> t.path("spec").path("topicName").asText()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldRunEveryDeploymentZoneSpreadWithoutDowntimeAndWithADisruptionBudget(String overlay) {
        List<JsonNode> deployments = objects(overlay, "Deployment");
        assertThat(deployments.stream().map(RenderedManifestsTest::name)).contains("streams-topology", "query-service");
        List<JsonNode> budgets = objects(overlay, "PodDisruptionBudget");
        for (JsonNode d : deployments) {
            JsonNode spec = d.path("spec");
            assertThat(spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asText()).as(name(d)).isEqualTo("0");
            JsonNode pod = spec.path("template").path("spec");
            assertThat(list(pod.path("topologySpreadConstraints")).stream().map(c -> c.path("topologyKey").asText()))
                    .as(name(d)).contains(ZONE_KEY);
            assertThat(list(pod.path("containers"))).as(name(d)).allSatisfy(c -> assertThat(c.has("startupProbe")).isTrue());
            JsonNode podLabels = spec.path("template").path("metadata").path("labels");
            assertThat(budgets).as("a PodDisruptionBudget selecting " + name(d))
                    .anySatisfy(b -> assertThat(selects(b.path("spec").path("selector"), podLabels)).isTrue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldScaleTheStreamsAppOnLagWithinItsPartitionsAndNeverRunJobsConcurrently(String overlay) {
        List<JsonNode> scaledObjects = objects(overlay, "ScaledObject").stream()
                .filter(s -> s.path("spec").path("scaleTargetRef").path("name").asText().equals("streams-topology")).toList();
        List<JsonNode> hpas = objects(overlay, "HorizontalPodAutoscaler").stream()
                .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals("streams-topology")).toList();
        if (overlay.endsWith("no-keda")) {
            // Without KEDA: one plain HPA, bounded the same way.
            assertThat(scaledObjects).isEmpty();
            assertThat(hpas).singleElement()
                    .satisfies(h -> assertThat(h.path("spec").path("maxReplicas").asInt()).isBetween(1, 6));
        } else {
            // KEDA owns the HPA it creates: no second autoscaler may target the Deployment.
            assertThat(hpas).isEmpty();
            JsonNode scaled = scaledObjects.get(0);
            assertThat(list(scaled.path("spec").path("triggers")).stream().map(t -> t.path("type").asText())).contains("kafka");
            assertThat(scaled.path("spec").path("fallback").path("replicas").asInt()).isPositive();
            assertThat(scaled.path("spec").path("maxReplicaCount").asInt()).isBetween(1, 6);
        }

        List<JsonNode> cronJobs = objects(overlay, "CronJob");
        assertThat(cronJobs.stream().map(RenderedManifestsTest::name)).contains("reconciliation", "batch-etl");
        assertThat(cronJobs).allSatisfy(c -> assertThat(c.path("spec").path("concurrencyPolicy").asText()).isEqualTo("Forbid"));
        // Cluster mode (docs/deploy.md, Known gap 3, closed): the jobs run.
        assertThat(cronJobs).allSatisfy(c -> assertThat(c.path("spec").path("suspend").asBoolean(false)).as(name(c) + " suspended").isFalse());
    }

    @Test
    void shouldRunTheStreamsCanaryAsOneInstanceOfTheNextReleaseInTheStableConsumerGroup() {
        List<JsonNode> deployments = objects("prod-canary", "Deployment");
        JsonNode stable = deployments.stream().filter(d -> name(d).equals("streams-topology")).findFirst().orElseThrow();
        JsonNode canary = deployments.stream().filter(d -> name(d).equals("streams-topology-canary")).findFirst().orElseThrow();

        assertThat(canary.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(canary.path("spec").path("selector").path("matchLabels").path("backbone.dev/track").asText()).isEqualTo("canary");
        assertThat(stable.path("spec").path("selector").path("matchLabels").path("backbone.dev/track").asText()).isEqualTo("stable");
        JsonNode canaryContainer = canary.path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode stableContainer = stable.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(canaryContainer.path("image").asText()).startsWith("backbone/streams-topology:")
                .isNotEqualTo(stableContainer.path("image").asText());
        // Same configuration (hence the same application.id and consumer group) and the same secrets; the
        // spans' resource attributes differ in the track only.
        assertThat(canaryContainer.path("envFrom")).isEqualTo(stableContainer.path("envFrom"));
        assertThat(withoutTrack(canaryContainer.path("env"))).isEqualTo(withoutTrack(stableContainer.path("env")));
        assertThat(canaryContainer.path("env").toString()).contains("$(OTEL_RESOURCE_ATTRIBUTES),backbone.track=canary");
        assertThat(stableContainer.path("env").toString()).contains("$(OTEL_RESOURCE_ATTRIBUTES),backbone.track=stable");
        // Everything else of the pod spec is the stable one's (copied by the component's replacements).
        assertThat(withoutImageAndTrack(canary)).isEqualTo(withoutImageAndTrack(stable));
        assertThat(objects("prod-canary", "ScaledObject").stream()
                .map(o -> o.path("spec").path("scaleTargetRef").path("name").asText())).containsExactly("streams-topology");
    }

    private static JsonNode withoutImageAndTrack(JsonNode deployment) {
        ObjectNode podSpec = deployment.path("spec").path("template").path("spec").deepCopy();
        for (JsonNode container : podSpec.path("containers")) {
            ObjectNode editable = (ObjectNode) container;
            editable.remove("image");
            editable.set("env", JsonNodeFactory.instance.arrayNode().addAll(withoutTrack(container.path("env"))));
        }
        return podSpec;
    }

    private static List<JsonNode> withoutTrack(JsonNode env) {
        return list(env).stream().filter(v -> !v.path("name").asText().equals("OTEL_RESOURCE_ATTRIBUTES")).toList();
    }

    @Test
    void shouldShipTheChaosDrillsPausedAndAimedOnlyAtTheBackboneNamespace() {
        List<JsonNode> experiments = rendered.get("dev-chaos").stream()
                .filter(o -> o.path("apiVersion").asText().startsWith("chaos-mesh.org/")).toList();

        assertThat(experiments).hasSizeGreaterThanOrEqualTo(5);
        assertThat(experiments).allSatisfy(e -> {
            assertThat(e.path("metadata").path("annotations").path("experiment.chaos-mesh.org/pause").asText()).isEqualTo("true");
            assertThat(e.findValues("namespaces")).allSatisfy(ns -> assertThat(list(ns).stream().map(JsonNode::asText))
                    .containsExactly("backbone"));
        });
        assertThat(rendered.entrySet()).filteredOn(o -> !o.getKey().endsWith("chaos"))
                .allSatisfy(o -> assertThat(o.getValue()).noneMatch(x -> x.path("apiVersion").asText().startsWith("chaos-mesh.org/")));
    }

    /** The drills of issue 7 that have a Chaos Mesh counterpart (bad-deploy's is the canary rollout). */
    private static final List<String> DRILLS_WITH_EXPERIMENTS = List.of("kafka-outage", "consumer-crash", "shard-failure",
            "redis-failure", "slow-service", "volume-spike", "network-partition", "cold-start");

    @Test
    void shouldShipAnExperimentNamedAfterEachDrillWithARunbookThatNamesIt() {
        List<JsonNode> experiments = rendered.get("dev-chaos").stream().filter(ChaosTargets::isExperiment).toList();

        assertThat(experiments.stream().map(e -> e.path("metadata").path("labels").path("backbone.dev/drill").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(DRILLS_WITH_EXPERIMENTS);
        assertThat(experiments).allSatisfy(e -> {
            String drill = e.path("metadata").path("labels").path("backbone.dev/drill").asText();
            assertThat(name(e)).startsWith(drill);
            assertThat(e.path("kind").asText()).isIn("PodChaos", "NetworkChaos", "StressChaos");
            assertThat(read("docs/runbooks/" + drill + ".md")).as("docs/runbooks/" + drill + ".md names " + name(e))
                    .contains("`" + name(e) + "`");
        });
        assertThat(read("docs/runbooks/bad-deploy.md")).contains("canary-rollout.md");
    }

    @Test
    void shouldAimEveryChaosExperimentAtPodsThatExist() {
        List<JsonNode> objects = rendered.get("dev-chaos");

        assertThat(ChaosTargets.violations(objects)).as("chaos experiments aimed at nothing").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldRunOnePostgresClusterPerShardPlusTheWarehouse(String overlay) {
        List<String> clusters = objects(overlay, "Cluster").stream().map(RenderedManifestsTest::name).toList();
        assertThat(clusters).contains("shard-0", "shard-1", "warehouse");
        assertThat(objects(overlay, "Job").stream().map(RenderedManifestsTest::name))
                .contains("migrate-shard-0", "migrate-shard-1", "migrate-warehouse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldDenyAllTrafficThatTheArchitectureDoesNotName(String overlay) {
        JsonNode deny = objects(overlay, "NetworkPolicy").stream().filter(p -> name(p).equals("default-deny"))
                .findFirst().orElseThrow();
        assertThat(deny.path("spec").path("podSelector").isEmpty()).isTrue();
        assertThat(list(deny.path("spec").path("policyTypes")).stream().map(JsonNode::asText)).contains("Ingress", "Egress");
        assertThat(deny.path("spec").has("ingress")).isFalse();
        assertThat(deny.path("spec").has("egress")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldReferenceOnlyConfigMapsItDefinesAndSecretsTheDeployGuideNames(String overlay) {
        References refs = References.of(rendered.get(overlay));
        List<String> configMaps = objects(overlay, "ConfigMap").stream().map(RenderedManifestsTest::name).toList();
        String deployGuide = read("docs/deploy.md");

        assertThat(refs.configMaps).as("ConfigMaps referenced in " + overlay).isNotEmpty().isSubsetOf(configMaps);
        assertThat(refs.secrets).as("Secrets referenced in " + overlay).isNotEmpty()
                .allSatisfy(secret -> assertThat(deployGuide).as("docs/deploy.md names Secret " + secret)
                        .contains("`" + secret + "`"));
    }

    /** The SDK apps (Streams) and the Spring Boot app (query service) sample traces alike, so a trace is kept whole. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldSampleTracesAtOneRatioInBothExporterConfigMaps(String overlay) {
        JsonNode otel = objects(overlay, "ConfigMap").stream().filter(c -> name(c).equals("otel-exporter")).findFirst().orElseThrow();
        JsonNode spring = objects(overlay, "ConfigMap").stream().filter(c -> name(c).equals("otel-exporter-spring-boot"))
                .findFirst().orElseThrow();

        assertThat(Double.parseDouble(spring.path("data").path("MANAGEMENT_TRACING_SAMPLING_PROBABILITY").asText()))
                .as("otel-exporter-spring-boot sampling probability in " + overlay)
                .isEqualTo(Double.parseDouble(otel.path("data").path("OTEL_TRACES_SAMPLER_ARG").asText()));
    }

    /** The production overlays; dev creates the non-operator Secrets by hand (docs/deploy.md). */
    List<String> prodOverlays() {
        return overlays().stream().filter(o -> o.startsWith("prod")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prodOverlays")
    void shouldGetEverySecretOfProductionFromAnOperatorOrTheSecretStore(String overlay) {
        List<String> provided = new ArrayList<>();
        objects(overlay, "KafkaUser").forEach(u -> provided.add(name(u)));
        objects(overlay, "Kafka").forEach(k -> provided.add(name(k) + "-cluster-ca-cert"));
        objects(overlay, "Cluster").forEach(c -> provided.addAll(List.of(name(c) + "-app", name(c) + "-ca")));
        objects(overlay, "ExternalSecret").forEach(e -> provided.add(e.path("spec").path("target").path("name").asText()));

        assertThat(References.of(rendered.get(overlay)).secrets).as("Secrets referenced in " + overlay).isSubsetOf(provided);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void shouldAimEveryNetworkPolicyForOurWorkloadsAtPodsThatExist(String overlay) {
        List<JsonNode> podLabels = rendered.get(overlay).stream()
                .filter(o -> ManifestPolicy.podSpec(o) != null)
                .map(o -> o.path("kind").asText().equals("CronJob")
                        ? o.path("spec").path("jobTemplate").path("spec").path("template").path("metadata").path("labels")
                        : o.path("spec").path("template").path("metadata").path("labels"))
                .toList();
        List<JsonNode> ours = objects(overlay, "NetworkPolicy").stream()
                .filter(p -> p.path("spec").path("podSelector").path("matchLabels").has("app.kubernetes.io/name")).toList();

        assertThat(ours).isNotEmpty().allSatisfy(p -> assertThat(podLabels).as("pods selected by NetworkPolicy " + name(p))
                .anySatisfy(labels -> assertThat(selects(p.path("spec").path("podSelector"), labels)).isTrue()));
    }

    /** Whether a label selector's matchLabels all hold in {@code labels} (matchExpressions unused here). */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.path("matchLabels").isEmpty()) {
            return false;
        }
        var fields = selector.path("matchLabels").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().asText().equals(labels.path(f.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static String readGeneratedTopics() {
        return read("k8s/base/kafka/topics.generated.yaml");
    }

    private static String read(String path) {
        try {
            return java.nio.file.Files.readString(Kustomize.repoRoot().resolve(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
