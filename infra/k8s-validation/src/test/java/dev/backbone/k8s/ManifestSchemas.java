package dev.backbone.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The schema of every kind the manifests may contain, keyed by {@code apiVersion/kind}. A kind
 * that is not listed here is a violation, never skipped: add its schema before using it.
 */
final class ManifestSchemas {

    /** A schema check: the violations of one object, and where the schema comes from. */
    record Check(String source, Function<JsonNode, List<String>> validate) {
    }

    private static final Map<String, Check> CHECKS = Map.ofEntries(
            typed("v1", "Namespace", Namespace.class),
            typed("v1", "ConfigMap", ConfigMap.class),
            typed("v1", "Secret", Secret.class),
            typed("v1", "Service", Service.class),
            typed("v1", "ServiceAccount", ServiceAccount.class),
            typed("apps/v1", "Deployment", Deployment.class),
            typed("apps/v1", "StatefulSet", StatefulSet.class),
            typed("batch/v1", "Job", Job.class),
            typed("batch/v1", "CronJob", CronJob.class),
            typed("policy/v1", "PodDisruptionBudget", PodDisruptionBudget.class),
            typed("networking.k8s.io/v1", "NetworkPolicy", NetworkPolicy.class),
            typed("autoscaling/v2", "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            typed("rbac.authorization.k8s.io/v1", "Role", Role.class),
            typed("rbac.authorization.k8s.io/v1", "RoleBinding", RoleBinding.class),
            typed("monitoring.coreos.com/v1", "ServiceMonitor", ServiceMonitor.class),
            typed("monitoring.coreos.com/v1", "PodMonitor", PodMonitor.class),
            typed("monitoring.coreos.com/v1", "PrometheusRule", PrometheusRule.class),
            typed("kafka.strimzi.io/v1beta2", "Kafka", Kafka.class),
            typed("kafka.strimzi.io/v1beta2", "KafkaNodePool", KafkaNodePool.class),
            typed("kafka.strimzi.io/v1beta2", "KafkaTopic", KafkaTopic.class),
            typed("kafka.strimzi.io/v1beta2", "KafkaUser", KafkaUser.class),
            schema("keda.sh/v1alpha1", "ScaledObject", "keda/scaledobject.json"),
            schema("keda.sh/v1alpha1", "TriggerAuthentication", "keda/triggerauthentication.json"),
            schema("postgresql.cnpg.io/v1", "Cluster", "cloudnative-pg/cluster.json"),
            schema("postgresql.cnpg.io/v1", "ScheduledBackup", "cloudnative-pg/scheduledbackup.json"),
            schema("chaos-mesh.org/v1alpha1", "PodChaos", "chaos-mesh/podchaos.json"),
            schema("chaos-mesh.org/v1alpha1", "NetworkChaos", "chaos-mesh/networkchaos.json"),
            schema("chaos-mesh.org/v1alpha1", "StressChaos", "chaos-mesh/stresschaos.json"),
            schema("external-secrets.io/v1", "ExternalSecret", "external-secrets/externalsecret.json"),
            schema("external-secrets.io/v1", "SecretStore", "external-secrets/secretstore.json"));

    private ManifestSchemas() {
    }

    static String key(JsonNode object) {
        return object.path("apiVersion").asText("?") + "/" + object.path("kind").asText("?");
    }

    static Map<String, Check> all() {
        return CHECKS;
    }

    /** The violations of one rendered object: its schema's, or "no schema" for an unknown kind. */
    static List<String> validate(JsonNode object) {
        List<String> violations = new ArrayList<>();
        if (!object.path("metadata").path("name").isTextual()) {
            violations.add("metadata.name is missing");
        }
        Check check = CHECKS.get(key(object));
        if (check == null) {
            violations.add("no schema for " + key(object) + ": add one to ManifestSchemas before using this kind");
            return violations;
        }
        violations.addAll(check.validate().apply(object));
        return violations;
    }

    private static Map.Entry<String, Check> typed(String apiVersion, String kind, Class<?> model) {
        TypedModelCheck check = new TypedModelCheck(model);
        return Map.entry(apiVersion + "/" + kind, new Check(check.source(), check::validate));
    }

    private static Map.Entry<String, Check> schema(String apiVersion, String kind, String resource) {
        JsonSchemaCheck check = new JsonSchemaCheck(resource);
        return Map.entry(apiVersion + "/" + kind, new Check(check.source(), check::validate));
    }
}
