package dev.kilo.gateway.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.request.GatewayRequest;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/** Pure shaping of a validated request into the body an OpenAI-compatible provider receives. */
public final class OpenAiRequests {

    private static final Logger LOG = Logger.getLogger(OpenAiRequests.class);

    /** Chat fields OpenAI documents; strict providers receive only these. */
    static final Set<String> CHAT_FIELDS = Set.of("model", "messages", "audio", "frequency_penalty",
            "function_call", "functions", "logit_bias", "logprobs", "max_completion_tokens", "max_tokens",
            "metadata", "modalities", "n", "parallel_tool_calls", "prediction", "presence_penalty",
            "prompt_cache_key", "prompt_cache_retention", "reasoning_effort", "response_format",
            "safety_identifier", "seed", "service_tier", "stop", "store", "stream", "stream_options",
            "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user", "verbosity",
            "web_search_options");

    static final Set<String> COMPLETION_FIELDS = Set.of("model", "prompt", "best_of", "echo",
            "frequency_penalty", "logit_bias", "logprobs", "max_tokens", "n", "presence_penalty", "seed", "stop",
            "stream", "stream_options", "suffix", "temperature", "top_p", "user");

    static final Set<String> EMBEDDING_FIELDS = Set.of("model", "input", "dimensions", "encoding_format", "user");

    private OpenAiRequests() {
    }

    /**
     * The upstream body: a copy with the upstream model name, usage always requested on streams (so that usage is
     * never lost; the gateway drops that chunk again when the caller did not ask for it), and, for strict providers,
     * OpenRouter's {@code reasoning} folded into {@code reasoning_effort} and unknown fields dropped.
     */
    public static ObjectNode shape(GatewayRequest request, String upstreamModel, boolean strict,
            boolean maxCompletionTokens) {
        // A shallow copy: only top-level fields change, and messages (with their images) can be megabytes that
        // a deep copy would duplicate on every call. Nested objects that do change are replaced, never edited.
        ObjectNode body = request.body().objectNode();
        body.setAll(request.body());
        body.put("model", upstreamModel);
        if (request.stream()) {
            ObjectNode streamOptions = body.objectNode();
            if (request.body().get("stream_options") instanceof ObjectNode given) {
                streamOptions.setAll(given);
            }
            streamOptions.put("include_usage", true);
            body.set("stream_options", streamOptions);
        }
        if (maxCompletionTokens && request.endpoint() == GatewayRequest.Endpoint.CHAT_COMPLETIONS
                && body.has("max_tokens") && !body.hasNonNull("max_completion_tokens")) {
            body.set("max_completion_tokens", body.remove("max_tokens"));
        }
        if (!strict) {
            return body;
        }
        if (request.endpoint() == GatewayRequest.Endpoint.CHAT_COMPLETIONS) {
            foldReasoning(body);
        }
        Set<String> known = switch (request.endpoint()) {
            case CHAT_COMPLETIONS -> CHAT_FIELDS;
            case COMPLETIONS -> COMPLETION_FIELDS;
            case EMBEDDINGS -> EMBEDDING_FIELDS;
        };
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            String field = it.next().getKey();
            if (!known.contains(field)) {
                LOG.debugf("Dropping field '%s' unknown to a strict provider", field);
                it.remove();
            }
        }
        return body;
    }

    /** OpenRouter's {@code reasoning: {effort | max_tokens | enabled}} as OpenAI's {@code reasoning_effort}. */
    static void foldReasoning(ObjectNode body) {
        JsonNode reasoning = body.remove("reasoning");
        if (reasoning == null || body.hasNonNull("reasoning_effort") || !reasoning.isObject()) {
            return;
        }
        if (reasoning.hasNonNull("effort")) {
            body.put("reasoning_effort", reasoning.get("effort").asText());
        } else if (reasoning.path("enabled").asBoolean(false) || reasoning.hasNonNull("max_tokens")) {
            body.put("reasoning_effort", "medium");
        }
    }
}
