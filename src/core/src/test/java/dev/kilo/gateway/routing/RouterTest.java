package dev.kilo.gateway.routing;

import static dev.kilo.gateway.routing.RoutingFixtures.body;
import static dev.kilo.gateway.routing.RoutingFixtures.policy;
import static dev.kilo.gateway.routing.RoutingFixtures.signals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hard constraints, profiles, controls, stickiness and health, on the fixture catalog. */
class RouterTest {

    private static final RoutingPolicy POLICY = policy();
    private static final String EDIT = "Implement a function that parses ISO dates in parser.py";
    private static final String DESIGN = "Design a rate limiter for a distributed API gateway.";

    private static RouteDecision route(String model, ObjectNode body) {
        return route(model, body, RoutingControls.fromBody(body), null, null);
    }

    private static RouteDecision route(String model, ObjectNode body, RoutingControls request, RoutingControls key,
            String sticky) {
        return Router.decide(model, signals(body, Map.of()), POLICY, request, key, p -> true, p -> false, sticky);
    }

    private static ObjectNode chat(String text) {
        return RoutingFixtures.userChat(text);
    }

    private static GatewayException refused(String model, ObjectNode body) {
        return assertThrows(GatewayException.class, () -> route(model, body));
    }

    @Test
    void theFrontierProfileTakesTheStrongestModelForTheClass() {
        RouteDecision d = route("kilo/auto:frontier", chat(DESIGN));
        assertEquals("architecture", d.taskClass());
        assertEquals("anthropic/claude-opus-4-5", d.chosen());
        assertEquals("frontier", d.profile());
    }

    @Test
    void theEcoProfileTakesTheCheapestModelOverTheClassBar() {
        RouteDecision d = route("kilo-auto/efficient", chat(EDIT));
        assertEquals("code_edit", d.taskClass());
        assertEquals("eco", d.profile());
        // grok-code-fast-1 (quality 69.6 for edits, bar 68) is the cheapest over the bar; gpt-5-nano is cheaper but under it.
        assertEquals("xai/grok-code-fast-1", d.chosen());
        assertTrue(d.reasons().stream().anyMatch(r -> r.contains("cheapest model that clears")), d.reasons().toString());
    }

    @Test
    void aTitleRequestGoesToTheCheapestModelEvenWhenBalanced() {
        RouteDecision d = route("kilo/auto", chat("Generate a short title for this conversation."));
        assertEquals("title", d.taskClass());
        assertEquals("ollama/qwen3-coder:30b", d.chosen(), "a free local model writes titles");
        RouteDecision paid = route("kilo/auto", chat("Generate a short title for this conversation."),
                new RoutingControls(null, null, null, List.of("ollama/*"), null), null, null);
        assertEquals("openai/gpt-5-nano", paid.chosen());
    }

    @Test
    void balancedSpendsOnArchitectureButNotOnTitles() {
        RouteDecision design = route("kilo/auto", chat(DESIGN));
        RouteDecision title = route("kilo/auto", chat("Generate a short title for this conversation."));
        assertTrue(design.estimatedCostUsd() > title.estimatedCostUsd() * 10, design + " / " + title);
        assertEquals("openai/gpt-5", design.chosen());
    }

    @Test
    void toolsAreAHardConstraint() {
        ObjectNode body = chat(EDIT);
        body.putArray("tools").addObject().put("type", "function").putObject("function").put("name", "f");
        RouteDecision d = route("kilo/auto:frontier", body);
        assertTrue(d.needs().tools());
        for (String id : d.candidates()) {
            assertTrue(POLICY.models()[POLICY.indexOf(id)].capabilities() % 2 == 1, id + " cannot call tools");
        }
    }

    @Test
    void visionIsAHardConstraint() {
        ObjectNode body = body("{\"model\":\"kilo/auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"text\",\"text\":\"" + EDIT + "\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/a.png\"}}]}]}");
        RouteDecision d = route("kilo-auto/efficient", body);
        assertNotEquals("xai/grok-code-fast-1", d.chosen(), "grok-code-fast-1 takes no images");
        assertTrue(d.needs().vision());
        assertTrue(d.reasons().stream().anyMatch(r -> r.contains("xai/grok-code-fast-1 (no image input)")),
                d.reasons().toString());
    }

    @Test
    void jsonSchemaIsAHardConstraint() {
        ObjectNode body = chat(DESIGN);
        body.putObject("response_format").put("type", "json_schema").putObject("json_schema").put("name", "x");
        RouteDecision d = route("kilo/auto:frontier", body);
        assertFalse(d.chosen().startsWith("anthropic/"), "the fixture's Anthropic models state no JSON schema");
    }

    @Test
    void reasoningIsAHardConstraint() {
        ObjectNode body = chat("Generate a short title for this conversation.");
        body.put("reasoning_effort", "low");
        RouteDecision d = route("kilo/auto", body);
        assertTrue(d.needs().reasoning());
        assertEquals("openai/gpt-5-nano", d.chosen(), "the free model cannot reason");
        GatewayException e = refused("kilo-auto/free", body);
        assertEquals("reasoning_effort", e.param());
    }

    @Test
    void theContextWindowMustHoldPromptAndOutput() {
        ObjectNode body = chat(EDIT + "\n" + "x = 1\n".repeat(60_000));
        body.put("max_tokens", 30_000);
        RouteDecision d = route("kilo/auto:frontier", body);
        assertTrue(d.needs().minContext() > 130_000, d.needs().toString());
        for (String id : d.candidates()) {
            assertTrue(POLICY.models()[POLICY.indexOf(id)].contextLength() >= d.needs().minContext(), id);
        }
    }

    @Test
    void aPromptNoModelCanHoldIsA400NamingMessages() {
        ObjectNode body = chat("x = 1\n".repeat(400_000));
        GatewayException e = refused("kilo/auto", body);
        assertEquals(400, e.status());
        assertEquals("no_model_fits", e.code());
        assertEquals("messages", e.param());
        assertTrue(e.getMessage().contains("context window"), e.getMessage());
    }

    @Test
    void theFreeProfileUsesOnlyFreeModels() {
        RouteDecision d = route("kilo-auto/free", chat("How do I list git tags?"));
        assertEquals("ollama/qwen3-coder:30b", d.chosen());
        assertTrue(d.fallbacks().isEmpty());
    }

    @Test
    void theFreeProfileWithoutFreeModelsIsA400() {
        RoutingPolicy paid = policy(RoutingFixtures.catalog().stream()
                .filter(m -> !m.id().startsWith("ollama/")).toList(), Set.of());
        GatewayException e = assertThrows(GatewayException.class, () -> Router.decide("kilo-auto/free",
                signals(chat("hi"), Map.of()), paid, null, null, p -> true, p -> false, null));
        assertEquals("model", e.param());
        assertTrue(e.getMessage().contains("priced at zero"), e.getMessage());
    }

    @Test
    void aPriceCapPerMillionTokensExcludesDearerModels() {
        ObjectNode body = chat(DESIGN);
        body.putObject("routing").put("max_price", 2.0);
        RouteDecision d = route("kilo/auto:frontier", body);
        for (String id : d.candidates()) {
            PolicyModel m = POLICY.models()[POLICY.indexOf(id)];
            assertTrue(m.promptPrice() <= 2 && m.completionPrice() <= 2, id);
        }
        assertFalse(d.candidates().contains("deepseek/deepseek-chat"), "an unknown price never passes a cap");
    }

    @Test
    void aPriceCapPerRequestBoundsTheEstimate() {
        ObjectNode body = chat(DESIGN);
        body.putObject("routing").putObject("max_price").put("request", 0.001);
        RouteDecision d = route("kilo/auto:frontier", body);
        assertTrue(d.estimatedCostUsd() <= 0.001, d.toString());
    }

    @Test
    void anImpossiblePriceCapIsA400NamingMaxPrice() {
        ObjectNode body = chat(DESIGN);
        body.putObject("routing").<ObjectNode>set("exclude", RoutingFixtures.JSON.valueToTree(List.of("ollama/*")))
                .putObject("max_price").put("request", 0.0000001);
        GatewayException e = refused("kilo/auto", body);
        assertEquals("routing.max_price", e.param());
    }

    @Test
    void allowAndExcludeListsTakeWildcards() {
        ObjectNode body = chat(DESIGN);
        body.putObject("routing").<ObjectNode>set("models", RoutingFixtures.JSON.valueToTree(List.of("anthropic/*")))
                .set("exclude", RoutingFixtures.JSON.valueToTree(List.of("*opus*")));
        RouteDecision d = route("kilo/auto:frontier", body);
        assertEquals("anthropic/claude-sonnet-4-5", d.chosen());
        assertTrue(d.candidates().stream().allMatch(id -> id.startsWith("anthropic/") && !id.contains("opus")));
    }

    @Test
    void theKeysAllowListBindsEvenWhenTheRequestAsksOtherwise() {
        RoutingControls key = new RoutingControls(null, null, List.of("openai/*"), null, null);
        RoutingControls request = new RoutingControls(null, null, List.of("anthropic/*"), null, null);
        GatewayException e = assertThrows(GatewayException.class,
                () -> route("kilo/auto", chat(DESIGN), request, key, null));
        assertEquals("routing.models", e.param(), "within the key's models, the request's allow-list matches none");
        GatewayException keyOnly = assertThrows(GatewayException.class, () -> route("kilo/auto", chat(DESIGN),
                RoutingControls.NONE, new RoutingControls(null, null, List.of("mistral/*"), null, null), null));
        assertEquals("model", keyOnly.param());
        RouteDecision d = route("kilo/auto", chat(DESIGN), RoutingControls.NONE, key, null);
        assertTrue(d.candidates().stream().allMatch(id -> id.startsWith("openai/")), d.candidates().toString());
    }

    @Test
    void theKeysDefaultProfileAppliesToPlainKiloAuto() {
        RoutingControls key = new RoutingControls("frontier", null, null, null, null);
        assertEquals("frontier", route("kilo/auto", chat(DESIGN), null, key, null).profile());
        assertEquals("eco", route("kilo-auto/small", chat(DESIGN), null, key, null).profile());
    }

    @Test
    void theTradeoffMovesTheChoiceBetweenCheapAndStrong() {
        RoutingControls cheap = new RoutingControls(null, null, null, null, 0.0);
        RoutingControls best = new RoutingControls(null, null, null, null, 10.0);
        RouteDecision low = route("kilo/auto", chat(DESIGN), cheap, null, null);
        RouteDecision high = route("kilo/auto", chat(DESIGN), best, null, null);
        assertEquals("anthropic/claude-opus-4-5", high.chosen());
        assertTrue(low.estimatedCostUsd() < high.estimatedCostUsd(), low + " / " + high);
        assertEquals(Router.FALLBACKS, high.fallbacks().size());
        assertEquals(10.0, high.costQualityTradeoff());
    }

    @Test
    void aTradeoffTakesTheBestScoresAmongModelsThatFit() {
        ObjectNode body = chat(DESIGN);
        body.putArray("tools").addObject().put("type", "function").putObject("function").put("name", "f");
        RequestSignals signals = signals(body, Map.of());
        TaskClass c = TaskClassifier.classify(signals).taskClass();
        PolicyModel[] models = POLICY.models();
        // On the 0.1 grid the precomputed order is walked; off it (7.05) every model is rescored: same answer.
        for (double tradeoff : new double[] {0, 2.5, 5, 7, 7.05, 10}) {
            List<String> expected = java.util.stream.IntStream.range(0, models.length).boxed()
                    .filter(m -> (models[m].capabilities() & Needs.TOOLS) != 0)
                    .sorted((a, b) -> Double.compare(score(b, c, tradeoff), score(a, c, tradeoff)))
                    .limit(1 + Router.FALLBACKS).map(m -> models[m].id()).toList();
            RouteDecision d = route("kilo/auto", body, new RoutingControls(null, null, null, null, tradeoff), null,
                    null);
            assertEquals(expected, d.candidates(), "tradeoff " + tradeoff);
        }
    }

    private static double score(int model, TaskClass c, double tradeoff) {
        return PolicyCompiler.balancedScore(POLICY.quality(model, c), POLICY.relativeCost(model, c), c, tradeoff);
    }

    @Test
    void aConversationStaysOnItsModel() {
        RouteDecision d = route("kilo/auto", chat(DESIGN), null, null, "anthropic/claude-sonnet-4-5");
        assertEquals("anthropic/claude-sonnet-4-5", d.chosen());
        assertTrue(d.sticky());
        assertFalse(d.fallbacks().contains("anthropic/claude-sonnet-4-5"));
    }

    @Test
    void aStickyModelThatNoLongerFitsIsLeft() {
        ObjectNode body = chat(DESIGN);
        body.putObject("response_format").put("type", "json_schema").putObject("json_schema").put("name", "x");
        RouteDecision d = route("kilo/auto", body, null, null, "anthropic/claude-sonnet-4-5");
        assertNotEquals("anthropic/claude-sonnet-4-5", d.chosen());
        assertFalse(d.sticky());
    }

    @Test
    void aFailingProviderIsSkippedWhileOthersFit() {
        RouteDecision d = Router.decide("kilo/auto:frontier", signals(chat(DESIGN), Map.of()), POLICY, null, null,
                p -> true, "anthropic"::equals, null);
        assertFalse(d.candidates().stream().anyMatch(id -> id.startsWith("anthropic/")), d.candidates().toString());
        RouteDecision onlyAnthropic = Router.decide("kilo/auto:frontier", signals(chat(DESIGN), Map.of()), POLICY,
                new RoutingControls(null, null, List.of("anthropic/*"), null, null), null, p -> true, "anthropic"::equals, null);
        assertEquals("anthropic/claude-opus-4-5", onlyAnthropic.chosen(), "health is a preference, not a need");
    }

    @Test
    void modelsOfProvidersThisGatewayCannotCallAreNeverChosen() {
        RouteDecision d = Router.decide("kilo/auto:frontier", signals(chat(DESIGN), Map.of()), POLICY, null, null,
                "openai"::equals, p -> false, null);
        assertTrue(d.candidates().stream().allMatch(id -> id.startsWith("openai/")), d.candidates().toString());
        GatewayException e = assertThrows(GatewayException.class, () -> Router.decide("kilo/auto",
                signals(chat(DESIGN), Map.of()), POLICY, null, null, p -> false, p -> false, null));
        assertEquals("model", e.param());
    }

    @Test
    void fallbacksFollowTheRankingAndExcludeTheChosen() {
        RouteDecision d = route("kilo/auto:frontier", chat(DESIGN));
        assertEquals(List.of("openai/gpt-5", "anthropic/claude-sonnet-4-5", "openai/gpt-5-mini"), d.fallbacks());
    }

    @Test
    void theDecisionExplainsItselfInPlainWords() {
        RouteDecision d = route("kilo/auto", chat(DESIGN));
        assertTrue(d.reasons().get(0).startsWith("Task class architecture, decided by design wording"), d.reasons().get(0));
        assertTrue(d.reasons().get(2).startsWith("Chose openai/gpt-5: the best balance"), d.reasons().get(2));
        assertEquals(3, d.policyVersion());
        assertTrue(d.shortReason().startsWith("architecture (design wording"), d.shortReason());
        assertTrue(d.shortReason().chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f));
    }

    @Test
    void kiloCodeProfilesMapOntoOurs() {
        assertEquals(Profile.FRONTIER, Profile.ofModel("kilo-auto/frontier"));
        assertEquals(Profile.BALANCED, Profile.ofModel("kilo-auto/balanced"));
        assertEquals(Profile.ECO, Profile.ofModel("kilo-auto/efficient"));
        assertEquals(Profile.ECO, Profile.ofModel("kilo-auto/small"));
        assertEquals(Profile.FREE, Profile.ofModel("kilo-auto/free"));
        assertEquals("model", assertThrows(GatewayException.class, () -> Profile.ofModel("kilo-auto/turbo")).param());
    }

    @Test
    void badControlsAreA400NamingTheParameter() {
        ObjectNode body = chat("hi");
        body.putObject("routing").put("cost_quality_tradeoff", 11);
        assertEquals("routing.cost_quality_tradeoff",
                assertThrows(GatewayException.class, () -> RoutingControls.fromBody(body)).param());
        ObjectNode price = chat("hi");
        price.putObject("routing").put("max_price", "cheap");
        assertEquals("routing.max_price",
                assertThrows(GatewayException.class, () -> RoutingControls.fromBody(price)).param());
        ObjectNode models = chat("hi");
        models.putArray("models").add(3);
        assertEquals("models[0]", assertThrows(GatewayException.class, () -> RoutingControls.fromBody(models)).param());
    }

    @Test
    void anUnknownPriceGivesNoEstimate() {
        RouteDecision d = route("kilo/auto", chat(DESIGN), new RoutingControls(null, null,
                List.of("deepseek/*"), null, null), null, null);
        assertNull(d.estimatedCostUsd());
        assertTrue(d.reasons().get(2).contains("price unknown"), d.reasons().get(2));
    }
}
