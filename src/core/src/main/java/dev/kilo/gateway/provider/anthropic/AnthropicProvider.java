package dev.kilo.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.config.ProviderConfig;
import dev.kilo.gateway.provider.ChatProvider;
import dev.kilo.gateway.provider.HttpProvider;
import dev.kilo.gateway.provider.Upstream;
import dev.kilo.gateway.provider.UpstreamErrors;
import dev.kilo.gateway.request.GatewayRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.util.List;
import org.jboss.resteasy.reactive.client.SseEvent;

/**
 * Anthropic's native Messages API behind the gateway's OpenAI-shaped chat. All translation is in
 * {@link AnthropicChatConverter} and {@link AnthropicStreamConverter}; this class only calls the API.
 */
public class AnthropicProvider extends HttpProvider<AnthropicApi> implements ChatProvider {

    public AnthropicProvider(String id, ProviderConfig config, AnthropicApi api, ObjectMapper mapper) {
        super(id, config, api, mapper);
    }

    /** A request that cannot be translated fails the Uni with its 400, without calling Anthropic. */
    @Override
    public Uni<ObjectNode> chat(GatewayRequest request, String upstreamModel) {
        return Uni.createFrom().deferred(() -> {
            ObjectNode body = convert(request, upstreamModel);
            body.remove("stream");
            return Upstream.call(id, config.timeout(), api.messages(body))
                    .map(message -> response(message, upstreamModel));
        });
    }

    /**
     * The timeout applies to Anthropic's events, not to the chunks made from them, so the {@code ping} events
     * Anthropic sends while a long answer is prepared keep the stream alive.
     */
    @Override
    public Multi<ObjectNode> chatStream(GatewayRequest request, String upstreamModel) {
        return Multi.createFrom().deferred(() -> {
            ObjectNode body = convert(request, upstreamModel);
            body.put("stream", true);
            AnthropicStreamConverter converter = new AnthropicStreamConverter(id, upstreamModel);
            return Upstream.stream(id, config.timeout(), api.messagesStream(body))
                    .filter(event -> event.data() != null && !event.data().isBlank())
                    .onItem().transformToIterable(event -> chunks(converter, event))
                    .onCompletion().call(() -> converter.complete() ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(UpstreamErrors.streamCut(id)));
        });
    }

    private ObjectNode convert(GatewayRequest request, String upstreamModel) {
        return AnthropicChatConverter.toAnthropicRequest(request, upstreamModel, config.defaultMaxTokens());
    }

    private ObjectNode response(ObjectNode message, String upstreamModel) {
        if (message == null || !message.path("content").isArray()) {
            throw UpstreamErrors.invalidResponse(id);
        }
        return AnthropicChatConverter.toOpenAiResponse(message, upstreamModel);
    }

    private List<ObjectNode> chunks(AnthropicStreamConverter converter, SseEvent<String> event) {
        JsonNode data;
        try {
            data = mapper.readTree(event.data());
        } catch (IOException e) {
            throw UpstreamErrors.invalidResponse(id);
        }
        if (data == null || !data.isObject()) {
            throw UpstreamErrors.invalidResponse(id);
        }
        return converter.onEvent(event.name(), data);
    }
}
