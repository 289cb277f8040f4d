package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.config.ProviderConfig;
import dev.kilo.gateway.provider.Upstream;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Fetches one provider's model list in that provider's own format and parses it. Every call goes through
 * {@link Upstream#call}, so timeouts and upstream errors become the gateway's own errors; an answer that is not the
 * documented shape fails as {@code upstream_invalid_response}. The APIs come from {@link DiscoveryClients}, so tests
 * can script them.
 */
public class ModelLister {

    private static final Logger LOG = Logger.getLogger(ModelLister.class);

    /** Anthropic's largest page (https://docs.anthropic.com/en/api/models-list). */
    static final int ANTHROPIC_PAGE_SIZE = 1000;
    /** At most this many pages are read, whatever {@code has_more} says. */
    static final int MAX_PAGES = 20;
    /** {@code /api/show} calls in flight at once: Ollama is usually one local machine. */
    static final int OLLAMA_SHOW_CONCURRENCY = 4;

    /** The list formats, chosen per provider by {@link #format}. */
    public enum Format {
        OPENAI,
        OPENROUTER,
        ANTHROPIC,
        OLLAMA
    }

    private final DiscoveryClients clients;

    public ModelLister(DiscoveryClients clients) {
        this.clients = clients;
    }

    /** A lister over real REST clients. */
    public static ModelLister withRestClients() {
        return new ModelLister(new RestDiscoveryClients());
    }

    /** The provider's models; fails with a {@link dev.kilo.gateway.error.GatewayException} as chat calls do. */
    public Uni<List<DiscoveredModel>> list(String providerId, ProviderConfig config) {
        return Uni.createFrom().deferred(() -> switch (format(providerId, config)) {
            case ANTHROPIC -> anthropic(providerId, config);
            case OLLAMA -> ollama(providerId, config);
            case OPENROUTER -> call(providerId, config, clients.openAi(providerId, config).models())
                    .map(body -> OpenRouterModelList.parse(providerId, body));
            case OPENAI -> call(providerId, config, clients.openAi(providerId, config).models())
                    .map(body -> OpenAiModelList.parse(providerId, body));
        });
    }

    /**
     * The Anthropic protocol means Anthropic's list; Ollama is read through its native API; OpenRouter and the hosted
     * Kilo gateway (which serves OpenRouter's schema) are read richly; everything else is OpenAI-compatible.
     */
    public static Format format(String providerId, ProviderConfig config) {
        if (config.protocol() == ProviderConfig.Protocol.ANTHROPIC) {
            return Format.ANTHROPIC;
        }
        return switch (providerId) {
            case "ollama" -> Format.OLLAMA;
            case "openrouter", "kilo" -> Format.OPENROUTER;
            default -> Format.OPENAI;
        };
    }

    private Uni<List<DiscoveredModel>> anthropic(String providerId, ProviderConfig config) {
        return anthropicPages(providerId, config, clients.anthropic(providerId, config), null,
                new LinkedHashMap<>(), new HashSet<>(), 1);
    }

    /**
     * Follows {@code last_id} while {@code has_more} is true. A cursor seen before means the server is repeating
     * itself, and {@link #MAX_PAGES} bounds a server that never stops; both end the walk with the models read so
     * far. A model repeated across pages is kept once.
     */
    private Uni<List<DiscoveredModel>> anthropicPages(String providerId, ProviderConfig config,
            AnthropicModelsApi api, String afterId, Map<String, DiscoveredModel> models, Set<String> cursors,
            int page) {
        return call(providerId, config, api.models(ANTHROPIC_PAGE_SIZE, afterId)).flatMap(body -> {
            AnthropicModelList.Page parsed = AnthropicModelList.parse(providerId, body);
            parsed.models().forEach(model -> models.putIfAbsent(model.upstreamId(), model));
            String next = parsed.nextAfterId();
            if (next == null || page >= MAX_PAGES || !cursors.add(next)) {
                return Uni.createFrom().item(List.copyOf(models.values()));
            }
            return anthropicPages(providerId, config, api, next, models, cursors, page + 1);
        });
    }

    /** {@code /api/tags}, then {@code /api/show} for each model, a few at a time, keeping the tags' order. */
    private Uni<List<DiscoveredModel>> ollama(String providerId, ProviderConfig config) {
        OllamaApi api = clients.ollama(providerId, config);
        return call(providerId, config, api.tags()).flatMap(body -> {
            List<OllamaModels.Tag> tags = OllamaModels.tags(providerId, body);
            return Multi.createFrom().range(0, tags.size())
                    .onItem().transformToUni(index -> show(providerId, config, api, tags.get(index))
                            .map(model -> Map.entry(index, model)))
                    .merge(OLLAMA_SHOW_CONCURRENCY)
                    .collect().asList()
                    .map(entries -> entries.stream().sorted(Map.Entry.comparingByKey())
                            .map(Map.Entry::getValue).toList());
        });
    }

    /** One model that cannot be shown (deleted meanwhile, say) is still listed, from its tag alone. */
    private Uni<DiscoveredModel> show(String providerId, ProviderConfig config, OllamaApi api, OllamaModels.Tag tag) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("model", tag.name());
        return call(providerId, config, api.show(body))
                .map(show -> OllamaModels.fromShow(providerId, tag, show))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Ollama provider %s: no details for %s (%s)", providerId, tag.name(),
                            failure.getMessage());
                    return OllamaModels.fromTag(providerId, tag);
                });
    }

    private static <T> Uni<T> call(String providerId, ProviderConfig config, Uni<T> request) {
        return Upstream.call(providerId, config.timeout(), request);
    }
}
