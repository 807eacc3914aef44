package io.mentorium.adapters.openai;

import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Schema a {@link Tool}'s parameters are sent as. */
public final class FunctionSchemas {

    private FunctionSchemas() {
    }

    /** The JSON Schema type of a parameter; also what the token count's {@code name:type:description} line uses. */
    public static String jsonType(Parameter.Type type) {
        return switch (type) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case STRING_ARRAY -> "array";
        };
    }

    /**
     * The {@code parameters} object of a function tool. Not strict: strict mode would demand every property be
     * required, and the tools have optional arguments.
     */
    public static Map<String, Object> parameters(Tool tool) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Parameter parameter : tool.parameters()) {
            properties.put(parameter.name(), property(parameter));
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> property(Parameter parameter) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", jsonType(parameter.type()));
        property.put("description", parameter.description());
        switch (parameter.type()) {
            case STRING -> {
                if (!parameter.allowed().isEmpty()) {
                    property.put("enum", parameter.allowed());
                }
            }
            case STRING_ARRAY -> {
                Map<String, Object> items = new LinkedHashMap<>();
                items.put("type", "string");
                if (!parameter.allowed().isEmpty()) {
                    items.put("enum", parameter.allowed());
                }
                property.put("items", items);
            }
            case INTEGER -> {
                parameter.minimum().ifPresent(min -> property.put("minimum", min));
                parameter.maximum().ifPresent(max -> property.put("maximum", max));
            }
            case BOOLEAN -> {
            }
        }
        return property;
    }
}
