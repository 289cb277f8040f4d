package dev.kilo.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.request.GatewayRequest.Endpoint;
import dev.kilo.gateway.store.ContentHash;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link RequestSignals} from a validated request body and its headers. Pure: no I/O. The body has been
 * validated by {@code RequestParser}, so shapes are known; anything unexpected is skipped, never an error.
 */
public final class SignalExtractor {

    /** Kilo Code's mode header (https://github.com/Kilo-Org/kilocode, sent with every request). */
    public static final String MODE_HEADER = "x-kilocode-mode";
    static final String[] SESSION_HEADERS = {"x-session-id", "x-session-affinity", "x-kilocode-taskid"};
    /** Characters of the instruction kept for classification: intent is stated early, pasted files follow. */
    static final int INSTRUCTION_CHARS = 6_000;
    /** Characters scanned for code, diffs and stack traces per message. */
    static final int SCAN_CHARS = 40_000;

    /** Agent mode names as clients spell them, to the classifier's vocabulary. */
    static final Map<String, String> MODE_ALIASES = Map.ofEntries(
            Map.entry("code", "code"), Map.entry("build", "code"), Map.entry("agent", "code"),
            Map.entry("architect", "architect"), Map.entry("plan", "plan"), Map.entry("orchestrator", "plan"),
            Map.entry("ask", "ask"), Map.entry("debug", "debug"), Map.entry("title", "title"),
            Map.entry("summary", "title"), Map.entry("commit", "title"), Map.entry("review", "review"));

    /**
     * The role definitions of Kilo Code's and Roo Code's built-in modes, and the "Current Mode" slug they put in
     * environment details (see their system prompts); opencode-style agents state "plan mode".
     */
    private static final Pattern SLUG = Pattern.compile("<slug>([a-z-]+)</slug>");
    static final GatedPattern PLAN_MODE = GatedPattern.compile("(?i)plan mode is active|you are in plan mode");
    // Plain phrases are found by java.util.regex's Boyer-Moore search; the case-insensitive one is gated.
    private static final Map<Predicate<String>, String> ROLE_PHRASES = Map.of(
            Pattern.compile("experienced technical leader who is inquisitive and an excellent planner").asPredicate(),
            "architect",
            Pattern.compile("expert software debugger").asPredicate(), "debug",
            Pattern.compile("knowledgeable technical assistant focused on answering questions").asPredicate(), "ask",
            Pattern.compile("strategic workflow orchestrator").asPredicate(), "plan",
            Pattern.compile("highly skilled software engineer with extensive knowledge").asPredicate(), "code",
            PLAN_MODE::foundIn, "plan");

    // Gated (see GatedPattern): these run over up to SCAN_CHARS of pasted code or logs per request.
    static final GatedPattern CODE_LINE = GatedPattern.compile(
            "(?m)^\\s*(def |class |func |fn |function |public |private |import |from \\S+ import|#include|const |let |"
                    + "var |package |return |if \\(|for \\(|while \\(|SELECT |CREATE TABLE)|[;{}]\\s*$");
    static final GatedPattern DIFF = GatedPattern.compile(
            "(?m)^(diff --git |@@ -\\d|--- a/|\\+\\+\\+ b/|<<<<<<< |>>>>>>> )");
    static final GatedPattern STACK = GatedPattern.compile(
            "Traceback \\(most recent call last\\)|(?m)^\\s+at [\\w$.<>/]+[.(:]|Exception in thread|"
                    + "(?m)^\\w*(Error|Exception)(: |\\s*$)|panic: |goroutine \\d+ \\[|Segmentation fault|"
                    + "(?m)^\\s*File \"[^\"]+\", line \\d+|error\\[E\\d{4}\\]|error TS\\d+|FAILED \\(|AssertionError");
    private static final Pattern ENVIRONMENT = Pattern.compile("(?s)<environment_details>.*?(</environment_details>|$)");
    private static final Pattern TASK = Pattern.compile("(?s)<task>(.*?)(</task>|$)");
    private static final Set<String> NO_REASONING = Set.of("none", "minimal");

    private SignalExtractor() {
    }

    /** @param header a request header by lower-case name, or null */
    public static RequestSignals extract(Endpoint endpoint, ObjectNode body, Function<String, String> header) {
        return endpoint == Endpoint.CHAT_COMPLETIONS ? chat(body, header) : completion(body, header);
    }

    private static RequestSignals chat(ObjectNode body, Function<String, String> header) {
        Conversation conversation = Conversation.read(body.path("messages"));
        String[] mode = mode(header, conversation);
        PromptSize promptTokens = conversation.tokens();
        promptTokens.add(toolsText(body));
        String effort = reasoningEffort(body);
        boolean reasoning = effort != null ? !NO_REASONING.contains(effort)
                : body.path("reasoning").path("enabled").asBoolean(false)
                        || body.path("reasoning").path("max_tokens").asInt(0) > 0;
        String[] session = session(header, body, conversation);
        return new RequestSignals(mode[0], mode[1], conversation.instruction(), promptTokens,
                requestedOutput(body), conversation.userTurns(), conversation.inToolLoop(),
                conversation.code(), conversation.diff(), conversation.stackTrace(), body.path("tools").size(),
                body.path("tools").size() > 0 || conversation.toolHistory(), conversation.images(),
                "json_schema".equals(body.path("response_format").path("type").asText()), effort, reasoning,
                false, session[0], session[1]);
    }

    private static RequestSignals completion(ObjectNode body, Function<String, String> header) {
        JsonNode prompt = body.path("prompt");
        String text = prompt.isArray() ? prompt.path(0).asText("") : prompt.asText("");
        String suffix = body.path("suffix").asText("");
        String headerMode = normalizeMode(header.apply(MODE_HEADER));
        boolean code = CODE_LINE.foundIn(cap(text, SCAN_CHARS));
        String[] session = sessionHeader(header);
        PromptSize promptTokens = new PromptSize();
        promptTokens.add(text);
        promptTokens.add(suffix);
        return new RequestSignals(headerMode, headerMode == null ? null : MODE_HEADER,
                headAndTail(text, INSTRUCTION_CHARS), promptTokens,
                requestedOutput(body), 1, false, code, false, false, 0, false, false, false, null, false, true,
                session[0], session[1]);
    }

    /** The header wins over anything the prompt says: it is the client telling us its mode. */
    private static String[] mode(Function<String, String> header, Conversation conversation) {
        String fromHeader = normalizeMode(header.apply(MODE_HEADER));
        if (fromHeader != null) {
            return new String[] {fromHeader, MODE_HEADER};
        }
        String system = conversation.system();
        String latest = conversation.latestUser();
        for (String text : new String[] {latest, system}) {
            Matcher slug = SLUG.matcher(text);
            String found = null;
            while (slug.find()) {
                found = slug.group(1);
            }
            if (normalizeMode(found) != null) {
                return new String[] {normalizeMode(found), text == system ? "system prompt" : "environment details"};
            }
        }
        for (Map.Entry<Predicate<String>, String> phrase : ROLE_PHRASES.entrySet()) {
            if (phrase.getKey().test(system)) {
                return new String[] {phrase.getValue(), "system prompt"};
            }
        }
        return new String[] {null, null};
    }

    static String normalizeMode(String mode) {
        if (mode == null || mode.isBlank()) {
            return null;
        }
        return MODE_ALIASES.get(mode.strip().toLowerCase(Locale.ROOT));
    }

    private static String[] sessionHeader(Function<String, String> header) {
        for (String name : SESSION_HEADERS) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                return new String[] {"h:" + ContentHash.sha256(value.strip()).substring(0, 32), name};
            }
        }
        return new String[] {null, null};
    }

    /** A session header, else the conversation's opening (system prompt and first user turn), which later turns keep. */
    private static String[] session(Function<String, String> header, ObjectNode body, Conversation conversation) {
        String[] fromHeader = sessionHeader(header);
        if (fromHeader[0] != null) {
            return fromHeader;
        }
        if (conversation.opening().isEmpty()) {
            return new String[] {null, null};
        }
        String user = body.path("user").asText("");
        return new String[] {"m:" + ContentHash.sha256(user + "\u0000" + conversation.opening()).substring(0, 32),
                "leading messages"};
    }

    private static String reasoningEffort(ObjectNode body) {
        String effort = body.path("reasoning_effort").asText(null);
        if (effort == null) {
            effort = body.path("reasoning").path("effort").asText(null);
        }
        return effort;
    }

    private static int requestedOutput(ObjectNode body) {
        int max = body.path("max_completion_tokens").asInt(0);
        return max > 0 ? max : body.path("max_tokens").asInt(0);
    }

    /** Tool definitions count towards the prompt: providers put them in the context. */
    private static String toolsText(ObjectNode body) {
        JsonNode tools = body.path("tools");
        return tools.isArray() && tools.size() > 0 ? tools.toString() : "";
    }

    /** The first and last halves of a long text: intent is stated before a paste or after it, rarely inside. */
    static String headAndTail(String text, int chars) {
        if (text.length() <= chars) {
            return text;
        }
        return text.substring(0, chars / 2) + "\n```\n...\n```\n" + text.substring(text.length() - chars / 2);
    }

    static String cap(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars);
    }

    /** The instruction inside agent boilerplate: Kilo Code's {@code <task>}, minus environment details. */
    static String instructionOf(String text) {
        Matcher task = TASK.matcher(text);
        String inner = task.find() ? task.group(1) : text;
        return ENVIRONMENT.matcher(inner).replaceAll("").strip();
    }

    static boolean looksLikeCode(String text) {
        return text.contains("```") || CODE_LINE.foundIn(text);
    }

    static boolean looksLikeDiff(String text) {
        return DIFF.foundIn(text);
    }

    static boolean looksLikeStackTrace(String text) {
        return STACK.foundIn(text);
    }
}
