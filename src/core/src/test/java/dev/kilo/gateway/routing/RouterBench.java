package dev.kilo.gateway.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.request.GatewayRequest.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Routing on a 300-model policy, as the completions function runs it per request, in two groups.
 * <p>
 * The decision alone, from signals already read ({@code Router.decide}: classification, constraints, ranking walk,
 * reasons):
 * <ul>
 *   <li>{@code decide}: a Kilo Code tool-loop turn (short instruction, mode in the environment details);</li>
 *   <li>{@code decideWithTradeoff}: the same with a per-request cost_quality_tradeoff;</li>
 *   <li>{@code decideLongInstruction}: a 6,000-character instruction without a mode, so every text rule reads it.</li>
 * </ul>
 * The full per-request routing, reading the signals from the request body and then deciding:
 * <ul>
 *   <li>{@code nextTurn}: a tool-loop request of about 9,000 prompt tokens whose last tool result (7 KB) is new and
 *   whose earlier messages were seen before;</li>
 *   <li>{@code firstTurn}: the same with every message new (a conversation's first request);</li>
 *   <li>{@code longConversation}: a 40-turn agent conversation of about 300 KB (some 80,000 tokens) with a new last
 *   tool result, the size at which a 128K-window model starts to matter.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterBench {

    static final int MODELS = 300;
    private static final String[] PROVIDERS = {"openai", "anthropic", "openrouter", "together", "groq", "fireworks",
        "gemini", "xai", "mistral", "deepseek"};
    private static final String[] NAMES = {"gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini", "o3",
        "o4-mini", "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-sonnet-4", "gemini-2.5-pro",
        "gemini-2.5-flash", "gemini-2.5-flash-lite", "grok-4", "grok-code-fast-1", "deepseek-chat",
        "deepseek-reasoner", "qwen3-coder-480b-a35b-instruct", "kimi-k2-instruct-0905", "gpt-oss-120b",
        "gpt-oss-20b", "devstral-medium-2507", "codestral-2508", "llama-3.3-70b-instruct"};
    private static final int[] CONTEXTS = {32_768, 131_072, 200_000, 400_000, 1_048_576};

    RoutingPolicy policy;
    RequestSignals signals;
    ObjectNode body;
    RoutingControls tradeoff;
    RequestSignals longInstruction;
    ObjectNode conversation;

    @Setup
    public void setUp() {
        policy = RoutingPolicy.of(PolicyCompiler.compile(catalog(MODELS), RoutingFixtures.PRIORS, Set.of("groq"), 1,
                Instant.EPOCH));
        body = agentRequest();
        signals = SignalExtractor.extract(Endpoint.CHAT_COMPLETIONS, body, name -> null);
        tradeoff = new RoutingControls(null, null, null, null, 7.0);
        longInstruction = SignalExtractor.extract(Endpoint.CHAT_COMPLETIONS,
                RoutingFixtures.userChat(LONG_INSTRUCTION), name -> null);
        conversation = longConversation(40);
    }

    @Benchmark
    public RouteDecision decide() {
        return Router.decide("kilo/auto", signals, policy, RoutingControls.NONE, null, p -> true, p -> false, null);
    }

    @Benchmark
    public RouteDecision decideWithTradeoff() {
        return Router.decide("kilo/auto", signals, policy, tradeoff, null, p -> true, p -> false, null);
    }

    @Benchmark
    public RouteDecision decideLongInstruction() {
        return Router.decide("kilo/auto", longInstruction, policy, RoutingControls.NONE, null, p -> true,
                p -> false, null);
    }

    private long turn;

    @Benchmark
    public RouteDecision nextTurn() {
        ObjectNode tool = (ObjectNode) body.path("messages").get(3);
        tool.put("content", TOOL_RESULT.substring(0, 7_000) + (turn++));
        RequestSignals read = SignalExtractor.extract(Endpoint.CHAT_COMPLETIONS, body, name -> null);
        return Router.decide("kilo/auto", read, policy, RoutingControls.NONE, null, p -> true, p -> false, null);
    }

    @Benchmark
    public RouteDecision longConversation() {
        ObjectNode tool = (ObjectNode) conversation.path("messages").get(conversation.path("messages").size() - 1);
        tool.put("content", TOOL_RESULT.substring(0, 7_000) + (turn++));
        RequestSignals read = SignalExtractor.extract(Endpoint.CHAT_COMPLETIONS, conversation, name -> null);
        return Router.decide("kilo/auto", read, policy, RoutingControls.NONE, null, p -> true, p -> false, null);
    }

    @Benchmark
    public RouteDecision firstTurn() {
        ObjectNode fresh = agentRequest();
        String salt = Long.toString(turn++);
        ((ObjectNode) fresh.path("messages").get(0)).put("content", salt + SYSTEM);
        ((ObjectNode) fresh.path("messages").get(3)).put("content", salt + TOOL_RESULT);
        RequestSignals read = SignalExtractor.extract(Endpoint.CHAT_COMPLETIONS, fresh, name -> null);
        return Router.decide("kilo/auto", read, policy, RoutingControls.NONE, null, p -> true, p -> false, null);
    }

    private static final String SYSTEM = "You are Kilo Code, a highly skilled software engineer with extensive "
            + "knowledge in many programming languages. " + "Rules: be precise. ".repeat(400);
    /** Prose that names no design, bug or edit wording early, so each text rule reads all of it. */
    private static final String LONG_INSTRUCTION = ("Please look at the module that loads the configuration and tell "
            + "me what the loader does with the environment overrides when the value is missing; I think it may be "
            + "reading the wrong key. ").repeat(40).substring(0, 6_000);
    private static final String TOOL_RESULT =
            "def total(items):\n    return sum(i['price'] * i['qty'] for i in items)\n".repeat(300);

    /** Real model names across ten providers, then unrated ones, with varied prices, limits and capabilities. */
    static List<CatalogModel> catalog(int size) {
        List<CatalogModel> models = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String name = i < NAMES.length * 4 ? NAMES[i % NAMES.length] : "custom-model-" + i;
            String id = PROVIDERS[i % PROVIDERS.length] + "/" + name + (i < NAMES.length ? "" : "-r" + i);
            double prompt = 0.05 + (i * 37 % 100) / 20.0;
            List<String> params = new ArrayList<>();
            if (i % 5 != 0) {
                params.add("tools");
            }
            if (i % 3 != 0) {
                params.add("reasoning");
            }
            if (i % 2 == 0) {
                params.add("structured_outputs");
            }
            models.add(RoutingFixtures.model(id, CONTEXTS[i % CONTEXTS.length], prompt, prompt * 5, params,
                    i % 2 == 1));
        }
        return models;
    }

    /** A tool-loop conversation of {@code turns} tool calls, each answered with a 7 KB file read back. */
    static ObjectNode longConversation(int turns) {
        ObjectNode body = agentRequest();
        var messages = (com.fasterxml.jackson.databind.node.ArrayNode) body.path("messages");
        for (int t = 1; t < turns; t++) {
            messages.addObject().put("role", "assistant").putArray("tool_calls").addObject().put("id", "call_" + t)
                    .put("type", "function").putObject("function").put("name", "read_file")
                    .put("arguments", "{\"path\":\"src/module_" + t + ".py\"}");
            messages.addObject().put("role", "tool").put("tool_call_id", "call_" + t)
                    .put("content", "# module " + t + "\n" + TOOL_RESULT.substring(0, 7_000));
        }
        return body;
    }

    /** A Kilo Code tool-loop request: system prompt, task, a file read back, five tool definitions. */
    static ObjectNode agentRequest() {
        ObjectNode body = RoutingFixtures.JSON.createObjectNode().put("model", "kilo/auto");
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", "<task>\nadd type hints to src/orders.py\n</task>\n"
                + "<environment_details>\n# Current Mode\n<slug>code</slug>\n</environment_details>");
        messages.addObject().put("role", "assistant").putArray("tool_calls").addObject().put("id", "call_1")
                .put("type", "function").putObject("function").put("name", "read_file")
                .put("arguments", "{\"path\":\"src/orders.py\"}");
        messages.addObject().put("role", "tool").put("tool_call_id", "call_1").put("content", TOOL_RESULT);
        var tools = body.putArray("tools");
        for (String tool : new String[] {"read_file", "write_to_file", "execute_command", "search_files", "apply_diff"}) {
            tools.addObject().put("type", "function").putObject("function").put("name", tool)
                    .put("description", "Tool " + tool).putObject("parameters").put("type", "object");
        }
        return body;
    }

}
