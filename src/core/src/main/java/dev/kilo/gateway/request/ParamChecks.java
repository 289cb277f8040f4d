package dev.kilo.gateway.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.kilo.gateway.error.GatewayException;
import java.util.Set;

/**
 * Type and range checks on request JSON, each failing with a 400 that names the parameter, worded as OpenAI words
 * its own validation errors. Values are never clamped: a value outside its documented range is refused.
 */
final class ParamChecks {

    private ParamChecks() {
    }

    static JsonNode required(JsonNode parent, String field, String param) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw GatewayException.invalidParam(param, "missing_required_parameter",
                    "Missing required parameter: '" + param + "'.");
        }
        return value;
    }

    /** The field, or null when absent or JSON null (OpenAI treats an explicit null as "not given"). */
    static JsonNode optional(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : value;
    }

    static String string(JsonNode value, String param) {
        if (!value.isTextual()) {
            throw invalidType(param, "a string", value);
        }
        return value.asText();
    }

    static String nonEmptyString(JsonNode value, String param) {
        String text = string(value, param);
        if (text.isBlank()) {
            throw GatewayException.invalidParam(param, "invalid_value",
                    "Invalid '" + param + "': empty string. Expected a non-empty string.");
        }
        return text;
    }

    static boolean bool(JsonNode value, String param) {
        if (!value.isBoolean()) {
            throw invalidType(param, "a boolean", value);
        }
        return value.asBoolean();
    }

    static void object(JsonNode value, String param) {
        if (!value.isObject()) {
            throw invalidType(param, "an object", value);
        }
    }

    static void array(JsonNode value, String param) {
        if (!value.isArray()) {
            throw invalidType(param, "an array", value);
        }
    }

    static void optionalNumber(JsonNode parent, String field, double min, double max) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            return;
        }
        if (!value.isNumber()) {
            throw invalidType(field, "a number", value);
        }
        double number = value.asDouble();
        if (number < min || number > max) {
            throw GatewayException.invalidParam(field, "invalid_value", "Invalid '" + field + "': "
                    + value + " is out of range. Expected a value between " + fmt(min) + " and " + fmt(max) + ".");
        }
    }

    /** An optional integer in [min, max]; returns it, or null when absent. */
    static Long optionalInteger(JsonNode parent, String field, long min, long max) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
            throw invalidType(field, "an integer", value);
        }
        long number = value.asLong();
        if (!value.canConvertToLong() || number < min || number > max) {
            throw GatewayException.invalidParam(field, "invalid_value", "Invalid '" + field + "': " + value
                    + " is out of range. Expected an integer between " + min + " and " + max + ".");
        }
        return number;
    }

    static String optionalEnum(JsonNode parent, String field, String param, Set<String> allowed) {
        JsonNode value = optional(parent, field);
        if (value == null) {
            return null;
        }
        String text = string(value, param);
        if (!allowed.contains(text)) {
            throw GatewayException.invalidParam(param, "invalid_value", "Invalid value for '" + param + "': '"
                    + text + "'. Supported values are: " + String.join(", ", allowed.stream().sorted().toList())
                    + ".");
        }
        return text;
    }

    static GatewayException invalidType(String param, String expected, JsonNode got) {
        return GatewayException.invalidParam(param, "invalid_type", "Invalid type for '" + param + "': expected "
                + expected + ", but got " + describe(got) + " instead.");
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a value of type " + type.name().toLowerCase();
        };
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
