package dev.kilo.gateway.provider.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.config.ProviderConfig;
import dev.kilo.gateway.provider.ChatProvider;
import dev.kilo.gateway.provider.HttpProvider;
import dev.kilo.gateway.provider.EmbeddingProvider;
import dev.kilo.gateway.provider.TextCompletionProvider;
import dev.kilo.gateway.provider.Upstream;
import dev.kilo.gateway.request.GatewayRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every provider that speaks OpenAI's API: OpenAI, OpenRouter, Groq, DeepSeek, Mistral, Together, Fireworks, xAI,
 * Gemini's compatible endpoint, Ollama, vLLM, the hosted Kilo gateway and custom endpoints. Their differences are
 * configuration ({@link ProviderConfig}), not code.
 */
public class OpenAiCompatibleProvider extends HttpProvider<OpenAiApi>
        implements ChatProvider, TextCompletionProvider, EmbeddingProvider {

    public OpenAiCompatibleProvider(String id, ProviderConfig config, OpenAiApi api, ObjectMapper mapper) {
        super(id, config, api, mapper);
    }

    @Override
    public Uni<ObjectNode> chat(GatewayRequest request, String upstreamModel) {
        return Upstream.call(id, config.timeout(), api.chat(shape(request, upstreamModel)));
    }

    @Override
    public Multi<ObjectNode> chatStream(GatewayRequest request, String upstreamModel) {
        return Upstream.stream(id, config.timeout(),
                OpenAiStreams.chunks(api.chatStream(shape(request, upstreamModel)), mapper, id));
    }

    @Override
    public Uni<ObjectNode> complete(GatewayRequest request, String upstreamModel) {
        return Upstream.call(id, config.timeout(), api.complete(shape(request, upstreamModel)));
    }

    @Override
    public Multi<ObjectNode> completeStream(GatewayRequest request, String upstreamModel) {
        return Upstream.stream(id, config.timeout(),
                OpenAiStreams.chunks(api.completeStream(shape(request, upstreamModel)), mapper, id));
    }

    @Override
    public Uni<ObjectNode> embed(GatewayRequest request, String upstreamModel) {
        return Upstream.call(id, config.timeout(), api.embed(shape(request, upstreamModel)));
    }

    private ObjectNode shape(GatewayRequest request, String upstreamModel) {
        return OpenAiRequests.shape(request, upstreamModel, config.strictFields(), config.maxCompletionTokens());
    }
}
