package dev.kilo.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.request.GatewayRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pure translation between OpenAI chat completions and Anthropic's Messages API
 * (https://docs.anthropic.com/en/api/messages). Requests are built field by field, so nothing Anthropic does not
 * document is ever forwarded; what cannot be translated faithfully is a 400 naming the parameter, never a silent
 * change of meaning.
 */
public final class AnthropicChatConverter {

    /** Anthropic's smallest thinking budget: https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking. */
    static final int MIN_THINKING_BUDGET = 1024;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<String, Integer> EFFORT_PERCENT =
            Map.of("minimal", 10, "low", 20, "medium", 50, "high", 80, "xhigh", 95);

    private AnthropicChatConverter() {
    }

    /** The Messages API body for a validated OpenAI chat request. Fails with a 400 for what cannot be translated. */
    public static ObjectNode toAnthropicRequest(GatewayRequest request, String upstreamModel, int defaultMaxTokens) {
        JsonNode body = request.body();
        rejectUntranslatable(body);
        ObjectNode out = F.objectNode();
        out.put("model", upstreamModel);
        int maxTokens = maxTokens(body, defaultMaxTokens);
        out.put("max_tokens", maxTokens);
        AnthropicMessages.Converted converted = AnthropicMessages.convert(body.path("messages"));
        JsonNode system = system(converted.system(), jsonInstruction(body.get("response_format")));
        if (system != null) {
            out.set("system", system);
        }
        out.set("messages", converted.messages());
        Integer budget = thinkingBudget(body, maxTokens);
        sampling(body, out, budget != null);
        if (budget != null) {
            ObjectNode thinking = out.putObject("thinking");
            thinking.put("type", "enabled");
            thinking.put("budget_tokens", budget);
        }
        stopAndUser(body, out);
        tools(body, out, budget != null);
        if (request.stream()) {
            out.put("stream", true);
        }
        return out;
    }

    /** A whole Anthropic {@code message} as an OpenAI {@code chat.completion} naming {@code model}. */
    public static ObjectNode toOpenAiResponse(JsonNode anthropicMessage, String model) {
        return AnthropicResponses.completion(anthropicMessage, model);
    }

    /**
     * Fields whose meaning Anthropic cannot honour. Their neutral values ({@code n: 1}, {@code logprobs: false},
     * zero penalties) are accepted and dropped, as are {@code seed} (only best effort at OpenAI too) and
     * {@code metadata} (OpenAI's tags for stored completions).
     */
    private static void rejectUntranslatable(JsonNode body) {
        if (body.path("n").asLong(1) > 1) {
            throw GatewayException.invalidParam("n", "unsupported_value",
                    "Invalid 'n': Anthropic models return a single choice, so 'n' must be 1.");
        }
        if (body.path("logprobs").asBoolean(false)) {
            throw GatewayException.invalidParam("logprobs", "unsupported_value",
                    "Invalid 'logprobs': Anthropic models do not return log probabilities.");
        }
        for (String penalty : List.of("presence_penalty", "frequency_penalty")) {
            if (body.path(penalty).asDouble(0) != 0) {
                throw GatewayException.invalidParam(penalty, "unsupported_value",
                        "Invalid '" + penalty + "': Anthropic models do not support it; omit it or set it to 0.");
            }
        }
        if (body.hasNonNull("functions")) {
            throw GatewayException.invalidParam("functions", "unsupported_value",
                    "Invalid 'functions': the deprecated functions API is not supported for Anthropic models;"
                            + " use 'tools' instead.");
        }
    }

    /** Anthropic requires {@code max_tokens}; OpenAI's newer name wins over the older one, as at OpenAI. */
    private static int maxTokens(JsonNode body, int defaultMaxTokens) {
        if (body.hasNonNull("max_completion_tokens")) {
            return body.get("max_completion_tokens").asInt();
        }
        return body.hasNonNull("max_tokens") ? body.get("max_tokens").asInt() : defaultMaxTokens;
    }

    /**
     * The system prompt: a plain string when it is one block without caching markers, otherwise text blocks, so that
     * nothing is re-joined and {@code cache_control} survives.
     */
    private static JsonNode system(List<ObjectNode> blocks, String instruction) {
        List<ObjectNode> all = new ArrayList<>(blocks);
        if (instruction != null) {
            ObjectNode text = F.objectNode();
            text.put("type", "text");
            text.put("text", instruction);
            all.add(text);
        }
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1 && !all.get(0).has("cache_control")) {
            return F.textNode(all.get(0).path("text").asText());
        }
        return F.arrayNode().addAll(all);
    }

    /**
     * Anthropic's Messages API has no {@code response_format}, so JSON output is asked for in the system prompt, as
     * Anthropic recommends:
     * https://docs.anthropic.com/en/docs/test-and-evaluate/strengthen-guardrails/increase-consistency.
     * The model is instructed, not constrained: the answer is not validated against the schema.
     */
    private static String jsonInstruction(JsonNode format) {
        String type = format == null ? "" : format.path("type").asText();
        String instruction = "Respond only with a JSON object, with no other text before or after it.";
        if ("json_object".equals(type)) {
            return instruction;
        }
        if (!"json_schema".equals(type)) {
            return null;
        }
        JsonNode schema = format.path("json_schema").path("schema");
        return schema.isObject() ? instruction + " The JSON object must conform to this JSON schema:\n" + schema
                : instruction;
    }

    /**
     * The thinking budget, or null when reasoning is off. An explicit {@code reasoning.max_tokens} wins; otherwise
     * the effort is a share of {@code max_tokens}. Anthropic counts thinking inside {@code max_tokens} and wants a
     * budget of at least 1024 below it (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking).
     */
    static Integer thinkingBudget(JsonNode body, int maxTokens) {
        JsonNode reasoning = body.path("reasoning");
        String effort = body.hasNonNull("reasoning_effort") ? body.get("reasoning_effort").asText()
                : reasoning.hasNonNull("effort") ? reasoning.get("effort").asText() : null;
        boolean switchedOff = "none".equals(effort) || reasoning.path("max_tokens").asLong(-1) == 0
                || (reasoning.path("enabled").isBoolean() && !reasoning.get("enabled").asBoolean());
        long requested;
        if (switchedOff) {
            return null;
        } else if (reasoning.hasNonNull("max_tokens")) {
            requested = reasoning.get("max_tokens").asLong();
        } else if (effort != null) {
            requested = (long) maxTokens * EFFORT_PERCENT.getOrDefault(effort, 50) / 100;
        } else if (reasoning.path("enabled").asBoolean(false)) {
            requested = (long) maxTokens * EFFORT_PERCENT.get("medium") / 100;
        } else {
            return null;
        }
        if (maxTokens <= MIN_THINKING_BUDGET) {
            String param = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
            throw GatewayException.invalidParam(param, "invalid_value", "Invalid '" + param + "': " + maxTokens
                    + ". It must be greater than 1024 when reasoning is enabled for Anthropic models.");
        }
        return (int) Math.max(MIN_THINKING_BUDGET, Math.min(requested, maxTokens - 1L));
    }

    /**
     * Anthropic's temperature range is 0 to 1, and with thinking on it accepts neither a temperature other than 1 nor
     * most {@code top_p} values, so with reasoning both are left out.
     * See https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#feature-compatibility.
     */
    private static void sampling(JsonNode body, ObjectNode out, boolean thinking) {
        JsonNode temperature = body.get("temperature");
        boolean hasTemperature = temperature != null && temperature.isNumber();
        if (hasTemperature && temperature.asDouble() > 1) {
            throw GatewayException.invalidParam("temperature", "invalid_value", "Invalid 'temperature': "
                    + temperature + " is out of range. Anthropic models accept 0 to 1.");
        }
        if (thinking) {
            if (hasTemperature && temperature.asDouble() != 1) {
                throw GatewayException.invalidParam("temperature", "unsupported_value", "Invalid 'temperature': "
                        + temperature + ". Anthropic models accept no temperature other than 1 with reasoning"
                        + " enabled; omit it or set it to 1.");
            }
            return;
        }
        if (hasTemperature) {
            out.set("temperature", temperature.deepCopy());
        }
        if (body.path("top_p").isNumber()) {
            out.set("top_p", body.get("top_p").deepCopy());
        }
    }

    private static void stopAndUser(JsonNode body, ObjectNode out) {
        JsonNode stop = body.get("stop");
        if (stop != null && stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            out.set("stop_sequences", stop.deepCopy());
        }
        if (body.hasNonNull("user")) {
            out.putObject("metadata").put("user_id", body.get("user").asText());
        }
    }

    private static void tools(JsonNode body, ObjectNode out, boolean thinking) {
        JsonNode tools = body.path("tools");
        boolean hasTools = tools.isArray() && !tools.isEmpty();
        if (hasTools) {
            ArrayNode converted = out.putArray("tools");
            for (int i = 0; i < tools.size(); i++) {
                converted.add(tool(tools.get(i), "tools[" + i + "]"));
            }
        }
        ObjectNode choice = toolChoice(body, hasTools, thinking);
        if (choice != null) {
            out.set("tool_choice", choice);
        }
    }

    /**
     * OpenAI's {@code tool_choice} and {@code parallel_tool_calls} as Anthropic's one {@code tool_choice} object.
     * Anthropic accepts it only along with tools, and with thinking on only "auto" and "none".
     * See https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use.
     */
    private static ObjectNode toolChoice(JsonNode body, boolean hasTools, boolean thinking) {
        JsonNode choice = body.get("tool_choice");
        ObjectNode out = null;
        if (choice != null && choice.isTextual()) {
            out = F.objectNode();
            out.put("type", switch (choice.asText()) {
                case "none" -> "none";
                case "required" -> "any";
                default -> "auto";
            });
        } else if (choice != null && choice.isObject()) {
            out = F.objectNode();
            out.put("type", "tool");
            out.put("name", choice.path("function").path("name").asText());
        }
        String type = out == null ? "auto" : out.get("type").asText();
        boolean forced = "any".equals(type) || "tool".equals(type);
        if (!hasTools) {
            if (forced) {
                throw GatewayException.invalidParam("tool_choice", "invalid_value",
                        "Invalid 'tool_choice': a tool call can only be required when 'tools' are given.");
            }
            return null;
        }
        if (forced && thinking) {
            throw GatewayException.invalidParam("tool_choice", "unsupported_value", "Invalid 'tool_choice': Anthropic"
                    + " models cannot be forced to call a tool with reasoning enabled; use 'auto' or turn reasoning"
                    + " off.");
        }
        if (body.path("parallel_tool_calls").isBoolean() && !body.get("parallel_tool_calls").asBoolean()
                && !"none".equals(type)) {
            out = out == null ? F.objectNode().put("type", "auto") : out;
            out.put("disable_parallel_tool_use", true);
        }
        return out;
    }

    private static ObjectNode tool(JsonNode tool, String at) {
        String type = tool.path("type").asText("function");
        if (!"function".equals(type)) {
            throw GatewayException.invalidParam(at + ".type", "unsupported_value", "Invalid '" + at + ".type': '"
                    + type + "' tools are not supported for Anthropic models; use function tools.");
        }
        JsonNode function = tool.path("function");
        ObjectNode out = F.objectNode();
        out.put("name", function.path("name").asText());
        if (function.hasNonNull("description")) {
            out.put("description", function.get("description").asText());
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && parameters.isObject()) {
            out.set("input_schema", parameters.deepCopy());
        } else {
            // Anthropic requires a schema; OpenAI allows none for a tool without parameters.
            ObjectNode schema = out.putObject("input_schema");
            schema.put("type", "object");
            schema.putObject("properties");
        }
        if (tool.path("cache_control").isObject()) {
            out.set("cache_control", tool.get("cache_control").deepCopy());
        }
        return out;
    }
}
