package dev.kilo.gateway.routing;

/**
 * What a request says about itself, read once from its body and headers ({@link SignalExtractor}). Everything the
 * classifier and the hard constraints look at is here, so a decision is a pure function of this record, the policy
 * and the controls.
 *
 * @param mode the coding agent's mode (code, architect, ask, debug, plan, title, ...), or null when none is said
 * @param modeSource where the mode was read: {@code x-kilocode-mode}, {@code system prompt}, ...
 * @param instruction the text that states the task: the last user turn without agent boilerplate (or, mid tool
 *     loop, the turn that set the task), cut to a few thousand characters
 * @param prompt tokens of everything sent (messages, tool definitions, images): counted with cl100k_base, long
 *     texts estimated until the decision needs their count ({@link PromptSize})
 * @param requestedOutputTokens {@code max_completion_tokens} / {@code max_tokens}, or 0 when not set
 * @param userTurns user messages in the conversation
 * @param inToolLoop the last message is a tool result: an agent is in the middle of a task
 * @param toolCount tool definitions sent
 * @param usesTools tools are defined or the conversation already holds tool calls or results
 * @param reasoningEffort {@code reasoning_effort} or {@code reasoning.effort}, or null
 * @param fillInTheMiddle a text completion with a {@code suffix}, or a plain {@code /v1/completions} prompt
 * @param sessionKey what ties this request to its conversation (a session header or the leading messages), or null
 * @param sessionSource where the session key came from
 */
public record RequestSignals(
        String mode,
        String modeSource,
        String instruction,
        PromptSize prompt,
        int requestedOutputTokens,
        int userTurns,
        boolean inToolLoop,
        boolean hasCode,
        boolean hasDiff,
        boolean hasStackTrace,
        int toolCount,
        boolean usesTools,
        boolean hasImages,
        boolean jsonSchema,
        String reasoningEffort,
        boolean reasoningRequested,
        boolean fillInTheMiddle,
        String sessionKey,
        String sessionSource) {

    /** Tokens of the prompt: exact, or with long texts estimated ({@link PromptSize#tokens}). */
    public int promptTokens() {
        return prompt.tokens();
    }

    /** Tokens of the instruction alone, estimated cheaply (the prompt total is counted exactly). */
    public int instructionWords() {
        if (instruction == null || instruction.isBlank()) {
            return 0;
        }
        int words = 1;
        for (int i = 0; i < instruction.length(); i++) {
            if (Character.isWhitespace(instruction.charAt(i))) {
                words++;
            }
        }
        return words;
    }
}
