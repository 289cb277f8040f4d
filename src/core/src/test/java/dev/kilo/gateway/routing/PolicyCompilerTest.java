package dev.kilo.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.routing.RoutingPolicy.Document;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {

    @Test
    void leavesOutNonChatModelsAndTheAutomaticIds() {
        Document doc = RoutingFixtures.policy().document();
        List<String> ids = doc.models().stream().map(PolicyModel::id).toList();
        assertFalse(ids.contains("openai/text-embedding-3-small"));
        assertEquals(10, ids.size());
        assertEquals(TaskClass.values().length * Profile.values().length, doc.rankings().size());
    }

    @Test
    void isDeterministicButForTheTimestamp() throws Exception {
        Document a = PolicyCompiler.compile(RoutingFixtures.catalog(), RoutingFixtures.PRIORS, Set.of(), 1, Instant.EPOCH);
        Document b = PolicyCompiler.compile(RoutingFixtures.catalog(), RoutingFixtures.PRIORS, Set.of(), 1, Instant.EPOCH);
        assertEquals(RoutingFixtures.JSON.writeValueAsString(a), RoutingFixtures.JSON.writeValueAsString(b));
    }

    @Test
    void ranksDegradedProvidersLast() {
        RoutingPolicy policy = RoutingFixtures.policy(RoutingFixtures.catalog(), Set.of("anthropic"));
        int[] order = policy.order(TaskClass.ARCHITECTURE, Profile.FRONTIER);
        PolicyModel last = policy.models()[order[order.length - 1]];
        PolicyModel first = policy.models()[order[0]];
        assertEquals("anthropic", last.provider());
        assertFalse(first.degraded());
        assertEquals(List.of("anthropic"), policy.document().degradedProviders());
    }

    @Test
    void priorsMatchTheModelNameWhateverTheProviderPrefix() {
        QualityPriors priors = RoutingFixtures.PRIORS;
        assertEquals(77.2, priors.find("anthropic/claude-sonnet-4-5").coding());
        assertEquals(77.2, priors.find("openrouter/anthropic/claude-sonnet-4.5").coding());
        assertEquals(74.9, priors.find("openai/gpt-5").coding());
        assertTrue(priors.find("openai/gpt-5-mini").coding() < 74.9, "gpt-5-mini must not match gpt-5");
        assertFalse(priors.find("custom/my-finetune").rated());
    }

    @Test
    void theFreeRankingHoldsOnlyFreeModels() {
        RoutingPolicy policy = RoutingFixtures.policy();
        int[] free = policy.order(TaskClass.CODE_EDIT, Profile.FREE);
        assertTrue(Arrays.stream(free).allMatch(m -> policy.models()[m].free()));
        assertEquals(1, free.length);
    }

    @Test
    void wildcardPatternsMatchWholeIdsCaseInsensitively() {
        assertTrue(new ModelPattern("anthropic/*").matches("anthropic/claude-haiku-4-5"));
        assertTrue(new ModelPattern("*Sonnet*").matches("openrouter/anthropic/claude-sonnet-4.5"));
        assertFalse(new ModelPattern("openai/gpt-5").matches("openai/gpt-5-mini"));
        assertTrue(new ModelPattern("openai/gpt-5*").matches("openai/gpt-5-mini"));
        assertFalse(new ModelPattern("*opus").matches("anthropic/claude-opus-4-5"));
    }
}
