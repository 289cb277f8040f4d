package dev.kilo.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One pass over chat {@code messages}: token count, the system prompt, the instruction, and what the user turns
 * contain. Package-private helper of {@link SignalExtractor}.
 */
record Conversation(String system, String latestUser, String instruction, String opening, PromptSize tokens,
        int userTurns, boolean inToolLoop, boolean toolHistory, boolean images, boolean code, boolean diff,
        boolean stackTrace) {

    /**
     * Roo/Kilo Code's XML tools answer in user turns: "[read_file for 'a.py'] Result: ...". Anchored, so tested with
     * lookingAt: find would walk the whole turn (often a file read back) trying to match at each position.
     */
    private static final Pattern TOOL_RESULT_TURN = Pattern.compile("^\\s*\\[[\\w-]+(?: for [^\\]]*)?\\] Result:");
    private static final int OPENING_CHARS = 2_000;
    private static final int SYSTEM_CHARS = 60_000;

    static Conversation read(JsonNode messages) {
        StringBuilder system = new StringBuilder();
        List<String> users = new ArrayList<>();
        PromptSize tokens = new PromptSize();
        tokens.add(3);
        boolean toolHistory = false;
        boolean images = false;
        String lastRole = "";
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            lastRole = role;
            Text text = Text.of(message.path("content"));
            images |= text.images() > 0;
            tokens.add(TokenCounter.PER_MESSAGE + text.images() * TokenCounter.PER_IMAGE);
            tokens.add(text.text());
            JsonNode calls = message.path("tool_calls");
            if (calls.size() > 0) {
                toolHistory = true;
                tokens.add(calls.toString());
            }
            switch (role) {
                case "system", "developer" -> {
                    if (system.length() < SYSTEM_CHARS) {
                        system.append(SignalExtractor.cap(text.text(), SYSTEM_CHARS - system.length())).append('\n');
                    }
                }
                case "user" -> users.add(text.text());
                case "tool", "function" -> toolHistory = true;
                default -> {
                }
            }
        }
        String latest = users.isEmpty() ? "" : users.get(users.size() - 1);
        String instruction = SignalExtractor.headAndTail(instruction(users), SignalExtractor.INSTRUCTION_CHARS);
        String scanned = SignalExtractor.cap(latest, SignalExtractor.SCAN_CHARS);
        boolean toolLoop = lastRole.equals("tool") || lastRole.equals("function")
                || (lastRole.equals("user") && TOOL_RESULT_TURN.matcher(latest).lookingAt());
        String opening = users.isEmpty() ? "" : SignalExtractor.cap(system.toString(), OPENING_CHARS) + "\u0000"
                + SignalExtractor.cap(users.get(0), OPENING_CHARS);
        // Mid tool loop, the latest turn is tool output (test logs, files): the task's own turn says what it is.
        String source = toolLoop ? instruction : scanned;
        return new Conversation(system.toString(), latest, instruction, opening, tokens, users.size(), toolLoop,
                toolHistory, images, SignalExtractor.looksLikeCode(source), SignalExtractor.looksLikeDiff(source),
                SignalExtractor.looksLikeStackTrace(source));
    }

    /** The latest user turn that states something, skipping tool-result turns of XML-tool agents. */
    private static String instruction(List<String> users) {
        for (int i = users.size() - 1; i >= 0; i--) {
            String turn = users.get(i);
            if (!TOOL_RESULT_TURN.matcher(turn).lookingAt()) {
                return SignalExtractor.instructionOf(turn);
            }
        }
        return users.isEmpty() ? "" : SignalExtractor.instructionOf(users.get(0));
    }

    /** A message's text parts joined, and how many image parts it has. */
    private record Text(String text, int images) {

        static Text of(JsonNode content) {
            if (content.isTextual()) {
                return new Text(content.asText(), 0);
            }
            if (!content.isArray()) {
                return new Text("", 0);
            }
            StringBuilder text = new StringBuilder();
            int images = 0;
            for (JsonNode part : content) {
                String type = part.path("type").asText();
                if (type.equals("text") || type.equals("input_text")) {
                    text.append(part.path("text").asText()).append('\n');
                } else if (type.equals("image_url") || type.equals("input_image") || type.equals("image")) {
                    images++;
                }
            }
            return new Text(text.toString(), images);
        }
    }
}
