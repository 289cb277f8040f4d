package dev.kilo.gateway.request;

import static dev.kilo.gateway.request.ParamChecks.bool;
import static dev.kilo.gateway.request.ParamChecks.invalidType;
import static dev.kilo.gateway.request.ParamChecks.nonEmptyString;
import static dev.kilo.gateway.request.ParamChecks.object;
import static dev.kilo.gateway.request.ParamChecks.optional;
import static dev.kilo.gateway.request.ParamChecks.optionalEnum;
import static dev.kilo.gateway.request.ParamChecks.optionalInteger;
import static dev.kilo.gateway.request.ParamChecks.optionalNumber;
import static dev.kilo.gateway.request.ParamChecks.required;
import static dev.kilo.gateway.request.ParamChecks.string;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.request.GatewayRequest.Endpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Set;

/**
 * Parses and validates request bodies at our edge, the same way for every provider: JSON is parsed exactly once,
 * wrong types and out-of-range values are a 400 naming the parameter. Ranges are OpenAI's documented ones.
 */
@ApplicationScoped
public class RequestParser {

    static final Set<String> REASONING_EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

    private final ObjectReader reader;

    public RequestParser(ObjectMapper mapper) {
        // "{...} trailing" is not one JSON object: refuse it rather than silently ignore the rest.
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public GatewayRequest chat(byte[] raw) {
        ObjectNode body = parseObject(raw);
        String model = model(body);
        MessageChecks.messages(required(body, "messages", "messages"));
        checkSampling(body);
        optionalInteger(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
        optionalInteger(body, "n", 1, 128);
        optionalInteger(body, "top_logprobs", 0, 20);
        optionalNumber(body, "presence_penalty", -2, 2);
        optionalNumber(body, "frequency_penalty", -2, 2);
        JsonNode logprobs = optional(body, "logprobs");
        if (logprobs != null) {
            bool(logprobs, "logprobs");
        }
        JsonNode parallel = optional(body, "parallel_tool_calls");
        if (parallel != null) {
            bool(parallel, "parallel_tool_calls");
        }
        MessageChecks.tools(body);
        checkResponseFormat(body);
        optionalEnum(body, "reasoning_effort", "reasoning_effort", REASONING_EFFORTS);
        checkReasoning(body);
        checkMetadata(body);
        return withStreamOptions(Endpoint.CHAT_COMPLETIONS, body, model);
    }

    public GatewayRequest completion(byte[] raw) {
        ObjectNode body = parseObject(raw);
        String model = model(body);
        JsonNode prompt = required(body, "prompt", "prompt");
        if (!prompt.isTextual() && !prompt.isArray()) {
            throw invalidType("prompt", "a string or an array", prompt);
        }
        JsonNode suffix = optional(body, "suffix");
        if (suffix != null) {
            string(suffix, "suffix");
        }
        checkSampling(body);
        optionalInteger(body, "n", 1, 128);
        optionalInteger(body, "best_of", 1, 20);
        optionalInteger(body, "logprobs", 0, 5);
        optionalNumber(body, "presence_penalty", -2, 2);
        optionalNumber(body, "frequency_penalty", -2, 2);
        return withStreamOptions(Endpoint.COMPLETIONS, body, model);
    }

    public GatewayRequest embeddings(byte[] raw) {
        ObjectNode body = parseObject(raw);
        String model = model(body);
        JsonNode input = required(body, "input", "input");
        if (!input.isTextual() && !input.isArray()) {
            throw invalidType("input", "a string or an array", input);
        }
        optionalInteger(body, "dimensions", 1, 65_536);
        optionalEnum(body, "encoding_format", "encoding_format", Set.of("float", "base64"));
        return new GatewayRequest(Endpoint.EMBEDDINGS, body, model, false, false);
    }

    /** Any JSON object body (the key and route APIs), with the same errors as the completion bodies. */
    public ObjectNode parseObject(byte[] raw) {
        JsonNode node;
        try {
            node = reader.readTree(raw);
        } catch (JsonProcessingException e) {
            throw GatewayException.invalidRequest("We could not parse the JSON body of your request: "
                    + e.getOriginalMessage() + ". Expected a JSON object.");
        } catch (IOException e) {
            throw GatewayException.invalidRequest("We could not read the body of your request.");
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.invalidRequest("The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    private static String model(ObjectNode body) {
        return nonEmptyString(required(body, "model", "model"), "model");
    }

    private static void checkSampling(ObjectNode body) {
        optionalNumber(body, "temperature", 0, 2);
        optionalNumber(body, "top_p", 0, 1);
        optionalInteger(body, "max_tokens", 1, Integer.MAX_VALUE);
        optionalInteger(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        JsonNode user = optional(body, "user");
        if (user != null) {
            string(user, "user");
        }
        JsonNode stop = optional(body, "stop");
        if (stop == null || stop.isTextual()) {
            return;
        }
        if (!stop.isArray()) {
            throw invalidType("stop", "a string or an array of strings", stop);
        }
        if (stop.size() > 4) {
            throw GatewayException.invalidParam("stop", "invalid_value",
                    "Invalid 'stop': array too long. Expected at most 4 sequences, but got " + stop.size() + ".");
        }
        for (int i = 0; i < stop.size(); i++) {
            string(stop.get(i), "stop[" + i + "]");
        }
    }

    /** Reads stream flags, folding OpenRouter's {@code usage: {include}} into {@code includeUsage}. */
    private static GatewayRequest withStreamOptions(Endpoint endpoint, ObjectNode body, String model) {
        JsonNode streamNode = optional(body, "stream");
        boolean stream = streamNode != null && bool(streamNode, "stream");
        boolean includeUsage = false;
        JsonNode options = optional(body, "stream_options");
        if (options != null) {
            object(options, "stream_options");
            JsonNode include = optional(options, "include_usage");
            includeUsage = include != null && bool(include, "stream_options.include_usage");
        }
        JsonNode usage = optional(body, "usage");
        if (usage != null) {
            object(usage, "usage");
            JsonNode include = optional(usage, "include");
            includeUsage |= include != null && bool(include, "usage.include");
        }
        // OpenRouter's dialect, answered by us: no upstream is told about it.
        body.remove("usage");
        return new GatewayRequest(endpoint, body, model, stream, includeUsage);
    }

    private static void checkResponseFormat(ObjectNode body) {
        JsonNode format = optional(body, "response_format");
        if (format == null) {
            return;
        }
        object(format, "response_format");
        String type = optionalEnum(format, "type", "response_format.type",
                Set.of("text", "json_object", "json_schema"));
        if (type == null) {
            required(format, "type", "response_format.type");
        }
        if ("json_schema".equals(type)) {
            JsonNode schema = required(format, "json_schema", "response_format.json_schema");
            object(schema, "response_format.json_schema");
            nonEmptyString(required(schema, "name", "response_format.json_schema.name"),
                    "response_format.json_schema.name");
            JsonNode inner = optional(schema, "schema");
            if (inner != null) {
                object(inner, "response_format.json_schema.schema");
            }
        }
    }

    /** OpenRouter's {@code reasoning}: {@code {effort, max_tokens, enabled, exclude}}. */
    private static void checkReasoning(ObjectNode body) {
        JsonNode reasoning = optional(body, "reasoning");
        if (reasoning == null) {
            return;
        }
        object(reasoning, "reasoning");
        optionalEnum(reasoning, "effort", "reasoning.effort", REASONING_EFFORTS);
        if (optional(reasoning, "max_tokens") != null) {
            optionalIntegerAt(reasoning, "max_tokens", "reasoning.max_tokens");
        }
        for (String flag : new String[] {"enabled", "exclude"}) {
            JsonNode value = optional(reasoning, flag);
            if (value != null) {
                bool(value, "reasoning." + flag);
            }
        }
    }

    private static void optionalIntegerAt(JsonNode parent, String field, String param) {
        JsonNode value = parent.get(field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0
                || value.asLong() > Integer.MAX_VALUE) {
            throw value.isIntegralNumber()
                    ? GatewayException.invalidParam(param, "invalid_value",
                            "Invalid '" + param + "': expected a non-negative integer, but got " + value + ".")
                    : invalidType(param, "an integer", value);
        }
    }

    /** OpenAI: up to 16 pairs, keys up to 64 characters, values strings up to 512 characters. */
    private static void checkMetadata(ObjectNode body) {
        JsonNode metadata = optional(body, "metadata");
        if (metadata == null) {
            return;
        }
        object(metadata, "metadata");
        if (metadata.size() > 16) {
            throw GatewayException.invalidParam("metadata", "invalid_value",
                    "Invalid 'metadata': at most 16 key-value pairs are allowed.");
        }
        metadata.fields().forEachRemaining(entry -> {
            String param = "metadata." + entry.getKey();
            if (entry.getKey().length() > 64) {
                throw GatewayException.invalidParam("metadata", "invalid_value",
                        "Invalid 'metadata': keys are at most 64 characters.");
            }
            if (string(entry.getValue(), param).length() > 512) {
                throw GatewayException.invalidParam(param, "invalid_value",
                        "Invalid '" + param + "': values are at most 512 characters.");
            }
        });
    }
}
