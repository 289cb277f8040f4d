package dev.kilo.gateway.discovery;

import static dev.kilo.gateway.discovery.DiscoveryFixtures.json;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.error.GatewayException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One page of Anthropic's list: the models and the cursor to the next page. */
class AnthropicModelListTest {

    @Test
    void firstPageHasModelsAndACursor() {
        AnthropicModelList.Page page = AnthropicModelList.parse("anthropic", json("anthropic-models-page1.json"));
        assertTrue(page.hasMore());
        assertEquals("claude-haiku-4-5-20251001", page.nextAfterId());
        assertEquals(List.of("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"),
                page.models().stream().map(DiscoveredModel::upstreamId).toList());
        DiscoveredModel sonnet = page.models().get(0);
        assertEquals("Claude Sonnet 4.5", sonnet.name());
        assertEquals(1759104000L, sonnet.created());
        assertEquals(200000, sonnet.contextLength());
        assertEquals(64000, sonnet.maxOutputTokens());
        assertEquals(List.of("text", "image", "file"), sonnet.inputModalities());
        assertEquals(List.of("text"), sonnet.outputModalities());
        assertEquals(DiscoveredModel.Prices.UNKNOWN, sonnet.prices());
        assertNull(sonnet.supportedParameters());
        assertEquals("anthropic-models", sonnet.source());
        assertEquals("anthropic/claude-sonnet-4-5-20250929", sonnet.toCatalogModel().id());
        assertNull(sonnet.toCatalogModel().pricing());
    }

    @Test
    void lastPageHasNoCursor() {
        AnthropicModelList.Page page = AnthropicModelList.parse("anthropic", json("anthropic-models-page2.json"));
        assertFalse(page.hasMore());
        assertEquals("claude-3-haiku-20240307", page.lastId());
        assertNull(page.nextAfterId());
        DiscoveredModel haiku3 = page.models().get(1);
        assertEquals(4096, haiku3.maxOutputTokens());
        assertEquals(List.of("text", "image"), haiku3.inputModalities());
    }

    @Test
    void olderAnswersWithoutLimitsOrCapabilitiesLeaveThemUnknown() {
        AnthropicModelList.Page page = AnthropicModelList.parse("anthropic", parse("""
                {"data": [{"type": "model", "id": "claude-3-5-sonnet-20241022",
                           "display_name": "Claude Sonnet 3.5 (New)", "created_at": "2024-10-22T00:00:00Z"},
                          {"type": "model", "id": "claude-mystery", "display_name": "Mystery",
                           "created_at": "1970-01-01T00:00:00Z"}],
                 "has_more": true, "first_id": "claude-3-5-sonnet-20241022", "last_id": null}"""));
        DiscoveredModel sonnet = page.models().get(0);
        assertNull(sonnet.contextLength());
        assertNull(sonnet.maxOutputTokens());
        assertNull(sonnet.inputModalities());
        assertEquals(1729555200L, sonnet.created());
        assertNull(page.models().get(1).created());
        assertTrue(page.hasMore());
        assertNull(page.nextAfterId());
    }

    @Test
    void aBodyWithoutDataIsAnInvalidResponse() {
        GatewayException e = assertThrows(GatewayException.class, () -> AnthropicModelList.parse("anthropic",
                parse("{\"type\": \"error\", \"error\": {\"type\": \"api_error\", \"message\": \"x\"}}")));
        assertEquals("upstream_invalid_response", e.code());
    }
}
