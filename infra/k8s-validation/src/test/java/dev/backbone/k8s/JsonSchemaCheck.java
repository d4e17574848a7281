package dev.backbone.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;

/** Validates an object against a JSON schema vendored under {@code src/test/resources/schemas}. */
final class JsonSchemaCheck {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private final String resource;
    private final JsonSchema schema;

    JsonSchemaCheck(String resource) {
        this.resource = resource;
        this.schema = FACTORY.getSchema(SchemaLocation.of("classpath:schemas/" + resource));
    }

    String source() {
        return "schemas/" + resource;
    }

    List<String> validate(JsonNode object) {
        return schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
