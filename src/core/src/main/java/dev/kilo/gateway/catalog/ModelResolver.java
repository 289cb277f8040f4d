package dev.kilo.gateway.catalog;

import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.provider.Provider;
import dev.kilo.gateway.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Turns a model id into the provider and upstream model that serve it (automatic ids are routed first). In memory only. */
@ApplicationScoped
public class ModelResolver {

    private final ProviderRegistry providers;
    private final ModelCatalog catalog;

    public ModelResolver(ProviderRegistry providers, ModelCatalog catalog) {
        this.providers = providers;
        this.catalog = catalog;
    }

    /**
     * A model is served when its provider is enabled and either the catalog lists it or the provider has no
     * configured model list (then the provider itself decides which names it accepts).
     */
    public Target resolve(String model) {
        int slash = model.indexOf('/');
        if (slash <= 0 || slash == model.length() - 1) {
            throw new GatewayException(404, "invalid_request_error", "model_not_found", "model",
                    "The model '" + model + "' does not exist. Model ids are provider/model, for example "
                            + "openai/gpt-5-mini; GET /v1/models lists them.");
        }
        String providerId = model.substring(0, slash);
        Provider provider = providers.find(providerId).orElseThrow(() -> new GatewayException(404,
                "invalid_request_error", "model_not_found", "model", "The model '" + model
                        + "' does not exist: provider '" + providerId + "' is not configured on this gateway."));
        String upstream = model.substring(slash + 1);
        List<String> configured = provider.config().models().orElse(List.of());
        if (!configured.isEmpty() && !configured.contains(upstream) && catalog.find(model).isEmpty()) {
            throw GatewayException.modelNotFound(model);
        }
        return new Target(provider, model, upstream);
    }
}
