package dev.kilo.gateway.routing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model must be able to do to serve a request: the hard constraints read from the request.
 *
 * @param minContext prompt tokens (with a tokenizer margin) plus the output the request asks for or reserves
 * @param minOutput the {@code max_tokens} asked for, or 0
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Needs(boolean tools, boolean vision, boolean jsonSchema, boolean reasoning, int minContext,
        int minOutput) {

    public static final int TOOLS = 1;
    public static final int VISION = 2;
    public static final int JSON_SCHEMA = 4;
    public static final int REASONING = 8;
    /** Output room reserved in the context check when the request does not say (most answers fit). */
    static final int DEFAULT_OUTPUT_RESERVE = 1_024;
    /** A model whose context is unknown is trusted only with prompts this small. */
    static final int UNKNOWN_CONTEXT_LIMIT = 8_192;

    public static Needs of(RequestSignals s) {
        return new Needs(s.usesTools(), s.hasImages(), s.jsonSchema(), s.reasoningRequested(),
                minContext(s.promptTokens(), s.requestedOutputTokens()), s.requestedOutputTokens());
    }

    /** The context a prompt of this size needs: its tokens with the tokenizer margin, plus the output. */
    static int minContext(int promptTokens, int requestedOutput) {
        int output = requestedOutput > 0 ? requestedOutput : DEFAULT_OUTPUT_RESERVE;
        return (int) Math.ceil(promptTokens * TokenCounter.SAFETY) + output;
    }

    /** The context window a model is trusted with: its own, or a small one when it is unknown. */
    static int usableContext(PolicyModel m) {
        return m.contextLength() > 0 ? m.contextLength() : UNKNOWN_CONTEXT_LIMIT;
    }

    @JsonIgnore
    public int mask() {
        return (tools ? TOOLS : 0) | (vision ? VISION : 0) | (jsonSchema ? JSON_SCHEMA : 0)
                | (reasoning ? REASONING : 0);
    }

    /** Whether a model with these limits fits; unknown limits (0) fit only small requests. */
    boolean fitsContext(PolicyModel m) {
        return usableContext(m) >= minContext && (minOutput == 0 || m.maxOutput() == 0 || m.maxOutput() >= minOutput);
    }

    /** In plain words, for reasons: "tools, vision, 12,400 tokens of context". */
    public String words() {
        return words(true);
    }

    /** The capabilities alone in plain words ("tool calling, image input"), for the one-line route header. */
    public String capabilityWords() {
        return words(false);
    }

    private String words(boolean sizes) {
        List<String> parts = new ArrayList<>(6);
        if (tools) {
            parts.add("tool calling");
        }
        if (vision) {
            parts.add("image input");
        }
        if (jsonSchema) {
            parts.add("JSON schema output");
        }
        if (reasoning) {
            parts.add("reasoning");
        }
        if (!sizes) {
            return String.join(", ", parts);
        }
        parts.add(Router.grouped(minContext) + " tokens of context");
        if (minOutput > 0) {
            parts.add(Router.grouped(minOutput) + " output tokens");
        }
        return String.join(", ", parts);
    }
}
