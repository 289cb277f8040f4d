package dev.kilo.gateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.discovery.CatalogPlan.Fresh;
import dev.kilo.gateway.store.CatalogStore;
import dev.kilo.gateway.store.CatalogStore.StoredModel;
import dev.kilo.gateway.store.ContentHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogPlanTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Duration GRACE = Duration.ofHours(24);

    static CatalogModel model(String id, String description) {
        return new CatalogModel(id, "model", null, id.substring(0, id.indexOf('/')), id, description, null, null,
                null, null, null);
    }

    static String json(CatalogModel model) {
        return model.id() + "|" + model.description();
    }

    static StoredModel stored(CatalogModel model, String status, Instant goneSince) {
        return new StoredModel(model, ContentHash.sha256(json(model)), status, "test", goneSince);
    }

    static CatalogPlan plan(List<StoredModel> stored, Map<String, List<Fresh>> answered) {
        return CatalogPlan.of(CatalogPlan.byId(stored), answered, CatalogPlanTest::json, NOW, GRACE);
    }

    static Fresh fresh(CatalogModel model) {
        return new Fresh(model, "test");
    }

    @Test
    void aNewModelIsWritten() {
        CatalogPlan plan = plan(List.of(), Map.of("openai", List.of(fresh(model("openai/a", "x")))));
        assertEquals(1, plan.writes().size());
        assertEquals("openai/a", plan.writes().get(0).model().id());
    }

    @Test
    void anUnchangedModelCostsNoWriteAndKeepsTheCatalogHash() {
        CatalogModel a = model("openai/a", "x");
        CatalogPlan first = plan(List.of(), Map.of("openai", List.of(fresh(a))));
        CatalogPlan second = plan(List.of(stored(a, CatalogStore.ACTIVE, null)), Map.of("openai", List.of(fresh(a))));
        assertTrue(second.writes().isEmpty());
        assertTrue(second.gone().isEmpty());
        assertEquals(first.catalogHash(), second.catalogHash());
    }

    @Test
    void aChangedModelIsWrittenAndChangesTheCatalogHash() {
        CatalogModel before = model("openai/a", "x");
        CatalogModel after = model("openai/a", "y");
        CatalogPlan unchanged = plan(List.of(stored(before, CatalogStore.ACTIVE, null)),
                Map.of("openai", List.of(fresh(before))));
        CatalogPlan changed = plan(List.of(stored(before, CatalogStore.ACTIVE, null)),
                Map.of("openai", List.of(fresh(after))));
        assertEquals(1, changed.writes().size());
        assertNotEquals(unchanged.catalogHash(), changed.catalogHash());
    }

    @Test
    void aModelTheProviderNoLongerListsIsMarkedGoneButStaysListedDuringGrace() {
        CatalogModel a = model("openai/a", "x");
        CatalogModel b = model("openai/b", "x");
        List<StoredModel> stored = List.of(stored(a, CatalogStore.ACTIVE, null), stored(b, CatalogStore.ACTIVE, null));
        CatalogPlan plan = plan(stored, Map.of("openai", List.of(fresh(a))));
        assertEquals(List.of("openai/b"), plan.gone());
        CatalogPlan bothListed = plan(stored, Map.of("openai", List.of(fresh(a), fresh(b))));
        assertEquals(bothListed.catalogHash(), plan.catalogHash(), "still listed during the grace period");
    }

    @Test
    void aFailedProviderKeepsItsModels() {
        CatalogModel a = model("openai/a", "x");
        CatalogModel other = model("groq/b", "x");
        CatalogPlan plan = plan(List.of(stored(a, CatalogStore.ACTIVE, null), stored(other, CatalogStore.ACTIVE, null)),
                Map.of("groq", List.of(fresh(other))));
        assertTrue(plan.gone().isEmpty(), "openai did not answer: nothing of it is gone");
        assertTrue(plan.writes().isEmpty());
    }

    @Test
    void aGoneModelLeavesAfterTheGracePeriodAndComesBackWhenListedAgain() {
        CatalogModel a = model("openai/a", "x");
        StoredModel longGone = stored(a, CatalogStore.GONE, NOW.minus(Duration.ofDays(3)));
        assertFalse(CatalogPlan.listed(false, longGone.goneSince(), NOW, GRACE));
        assertTrue(CatalogPlan.listed(false, NOW.minus(Duration.ofHours(1)), NOW, GRACE));
        CatalogPlan back = plan(List.of(longGone), Map.of("openai", List.of(fresh(a))));
        assertEquals(1, back.writes().size(), "a returning model is written active again");
        CatalogPlan stillGone = plan(List.of(longGone), Map.of("openai", List.of()));
        assertNotEquals(back.catalogHash(), stillGone.catalogHash());
        assertTrue(stillGone.gone().isEmpty(), "already gone: no second mark");
    }
}
