package dev.kilo.gateway.request;

import static dev.kilo.gateway.request.ParamChecks.array;
import static dev.kilo.gateway.request.ParamChecks.invalidType;
import static dev.kilo.gateway.request.ParamChecks.nonEmptyString;
import static dev.kilo.gateway.request.ParamChecks.object;
import static dev.kilo.gateway.request.ParamChecks.optional;
import static dev.kilo.gateway.request.ParamChecks.optionalEnum;
import static dev.kilo.gateway.request.ParamChecks.required;
import static dev.kilo.gateway.request.ParamChecks.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.error.GatewayException;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks {@code messages}, {@code tools} and {@code tool_choice} of a chat request against OpenAI's schema. */
final class MessageChecks {

    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> PART_TYPES = Set.of("text", "image_url", "input_audio", "file", "refusal");
    private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private MessageChecks() {
    }

    static void messages(JsonNode messages) {
        array(messages, "messages");
        if (messages.isEmpty()) {
            throw GatewayException.invalidParam("messages", "invalid_value",
                    "Invalid 'messages': empty array. Expected an array with minimum length 1.");
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), "messages[" + i + "]");
        }
    }

    private static void message(JsonNode message, String at) {
        object(message, at);
        String role = optionalEnum(message, "role", at + ".role", ROLES);
        if (role == null) {
            required(message, "role", at + ".role");
        }
        JsonNode content = optional(message, "content");
        boolean hasToolCalls = optional(message, "tool_calls") != null;
        if (content == null && !("assistant".equals(role) && hasToolCalls)) {
            if (!"assistant".equals(role)) {
                required(message, "content", at + ".content");
            }
        }
        if (content != null) {
            content(content, at + ".content");
        }
        if (hasToolCalls) {
            toolCalls(message.get("tool_calls"), at + ".tool_calls");
        }
        if ("tool".equals(role)) {
            string(required(message, "tool_call_id", at + ".tool_call_id"), at + ".tool_call_id");
        }
        JsonNode name = optional(message, "name");
        if (name != null) {
            string(name, at + ".name");
        }
    }

    private static void content(JsonNode content, String at) {
        if (content.isTextual()) {
            return;
        }
        if (!content.isArray()) {
            throw invalidType(at, "a string or an array of content parts", content);
        }
        for (int i = 0; i < content.size(); i++) {
            part(content.get(i), at + "[" + i + "]");
        }
    }

    private static void part(JsonNode part, String at) {
        object(part, at);
        String type = optionalEnum(part, "type", at + ".type", PART_TYPES);
        if (type == null) {
            required(part, "type", at + ".type");
        }
        switch (type) {
            case "text" -> string(required(part, "text", at + ".text"), at + ".text");
            case "refusal" -> string(required(part, "refusal", at + ".refusal"), at + ".refusal");
            case "image_url" -> imageUrl(required(part, "image_url", at + ".image_url"), at + ".image_url");
            default -> object(required(part, type, at + "." + type), at + "." + type);
        }
    }

    private static void imageUrl(JsonNode image, String at) {
        object(image, at);
        String url = nonEmptyString(required(image, "url", at + ".url"), at + ".url");
        if (!url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("data:")) {
            throw GatewayException.invalidParam(at + ".url", "invalid_value",
                    "Invalid '" + at + ".url': expected an http(s) URL or a base64 data URI.");
        }
        if (url.startsWith("data:") && !url.contains(";base64,")) {
            throw GatewayException.invalidParam(at + ".url", "invalid_value",
                    "Invalid '" + at + ".url': data URIs must be base64 encoded (data:image/png;base64,...).");
        }
        optionalEnum(image, "detail", at + ".detail", Set.of("auto", "low", "high"));
    }

    private static void toolCalls(JsonNode calls, String at) {
        array(calls, at);
        for (int i = 0; i < calls.size(); i++) {
            String call = at + "[" + i + "]";
            object(calls.get(i), call);
            string(required(calls.get(i), "id", call + ".id"), call + ".id");
            JsonNode function = required(calls.get(i), "function", call + ".function");
            object(function, call + ".function");
            string(required(function, "name", call + ".function.name"), call + ".function.name");
            string(required(function, "arguments", call + ".function.arguments"), call + ".function.arguments");
        }
    }

    static void tools(JsonNode body) {
        JsonNode tools = optional(body, "tools");
        if (tools != null) {
            array(tools, "tools");
            for (int i = 0; i < tools.size(); i++) {
                tool(tools.get(i), "tools[" + i + "]");
            }
        }
        JsonNode choice = optional(body, "tool_choice");
        if (choice == null) {
            return;
        }
        if (choice.isTextual()) {
            optionalEnum(body, "tool_choice", "tool_choice", Set.of("none", "auto", "required"));
            return;
        }
        object(choice, "tool_choice");
        String type = optionalEnum(choice, "type", "tool_choice.type", Set.of("function", "custom", "allowed_tools"));
        if (type == null) {
            required(choice, "type", "tool_choice.type");
        }
        // {"type":"function","function":{"name"}}, {"type":"custom","custom":{"name"}}, or
        // {"type":"allowed_tools","allowed_tools":{"mode","tools"}}: the object is named after its type.
        JsonNode named = required(choice, type, "tool_choice." + type);
        object(named, "tool_choice." + type);
        if (!"allowed_tools".equals(type)) {
            string(required(named, "name", "tool_choice." + type + ".name"), "tool_choice." + type + ".name");
        }
    }

    private static void tool(JsonNode tool, String at) {
        object(tool, at);
        String type = optionalEnum(tool, "type", at + ".type", Set.of("function", "custom"));
        if (type == null) {
            required(tool, "type", at + ".type");
        }
        if (!"function".equals(type)) {
            return;
        }
        JsonNode function = required(tool, "function", at + ".function");
        object(function, at + ".function");
        String name = string(required(function, "name", at + ".function.name"), at + ".function.name");
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw GatewayException.invalidParam(at + ".function.name", "invalid_value", "Invalid '" + at
                    + ".function.name': '" + name + "' does not match ^[a-zA-Z0-9_-]{1,64}$.");
        }
        JsonNode description = optional(function, "description");
        if (description != null) {
            string(description, at + ".function.description");
        }
        JsonNode parameters = optional(function, "parameters");
        if (parameters != null) {
            object(parameters, at + ".function.parameters");
        }
    }
}
