package dev.backbone.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates an object by binding it to the operator's or Kubernetes' own typed API model.
 *
 * <p>The models (fabric8 kubernetes-model, Strimzi {@code io.strimzi:api}, fabric8
 * openshift-model-monitoring) are generated from the same OpenAPI/CRD schemas the API server
 * enforces. They keep fields they do not know in an "any" map instead of failing, so after binding
 * every reachable model object is walked and a non-empty any-map is reported as an unknown field,
 * with its path, and so is a missing field the model marks required. Scalars are not coerced: a number where the API wants a string (an env value, a
 * ConfigMap entry) is an error, as it is for the API server.
 */
final class TypedModelCheck {

    private static final ObjectMapper MAPPER = strictMapper();
    /** Jackson's bean introspection is costly and the walk visits the same model classes often. */
    private static final Map<Class<?>, BeanDescription> DESCRIPTIONS = new ConcurrentHashMap<>();

    private final Class<?> model;

    TypedModelCheck(Class<?> model) {
        this.model = model;
    }

    String source() {
        Package p = model.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return model.getName() + (version == null ? "" : " (" + version + ")");
    }

    List<String> validate(JsonNode object) {
        Object bound;
        try {
            bound = MAPPER.treeToValue(object, model);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return List.of("does not bind to " + model.getSimpleName() + ": " + firstLine(e.getMessage()));
        }
        List<String> violations = new ArrayList<>();
        walk(bound, "", violations);
        return violations;
    }

    private static void walk(Object value, String path, List<String> violations) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof JsonNode || value.getClass().isPrimitive()) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, violations));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", violations);
            }
            return;
        }
        if (!isModel(value.getClass())) {
            return;
        }
        BeanDescription description = DESCRIPTIONS.computeIfAbsent(value.getClass(),
                type -> MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type)));
        AnnotatedMember anyGetter = description.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
            violations.add((path.isEmpty() ? "." : path) + ": unknown field(s) " + unknown.keySet());
        }
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null || accessor.equals(anyGetter)) {
                continue;
            }
            Object child = accessor.getValue(value);
            if (child == null && property.isRequired()) {
                violations.add(path + "." + property.getName() + ": required field is missing");
            }
            walk(child, path + "." + property.getName(), violations);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.") || name.startsWith("io.strimzi.");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType numericOrBoolean : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(numericOrBoolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }
}
