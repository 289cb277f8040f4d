package dev.kilo.gateway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.request.GatewayRequest;
import dev.kilo.gateway.request.GatewayRequest.Endpoint;
import org.junit.jupiter.api.Test;

class EstimateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GatewayRequest chat(String body) throws Exception {
        return new GatewayRequest(Endpoint.CHAT_COMPLETIONS, (ObjectNode) JSON.readTree(body), "a/b", false, false);
    }

    private static CatalogModel withMaxOutput(Integer max) {
        return new CatalogModel("a/b", "model", null, null, null, null, 1000, null, null,
                new CatalogModel.TopProvider(1000, max, null), null);
    }

    @Test
    void promptIsBoundedByTheBodySizeRoundedUp() {
        assertEquals(34, Estimate.promptTokens(100, 3));
        assertEquals(1, Estimate.promptTokens(0, 3));
    }

    @Test
    void outputIsTheRequestsMaximumTimesChoices() throws Exception {
        assertEquals(200, Estimate.outputTokens(chat("{\"max_tokens\":100,\"n\":2}"), withMaxOutput(50), 4096));
        assertEquals(70, Estimate.outputTokens(chat("{\"max_completion_tokens\":70,\"max_tokens\":100}"), null, 1));
    }

    @Test
    void withoutARequestMaximumTheModelsThenTheDefault() throws Exception {
        assertEquals(50, Estimate.outputTokens(chat("{}"), withMaxOutput(50), 4096));
        assertEquals(4096, Estimate.outputTokens(chat("{}"), withMaxOutput(null), 4096));
        assertEquals(4096, Estimate.outputTokens(chat("{}"), null, 4096));
    }

    @Test
    void embeddingsProduceNoOutput() throws Exception {
        GatewayRequest embed = new GatewayRequest(Endpoint.EMBEDDINGS, (ObjectNode) JSON.readTree("{}"), "a/b",
                false, false);
        assertEquals(0, Estimate.outputTokens(embed, null, 4096));
    }
}
