package dev.kilo.gateway.catalog;

import dev.kilo.gateway.provider.Provider;

/**
 * Where a request goes.
 *
 * @param modelId the id the caller sees as the serving model, {@code provider/model}
 * @param upstreamModel the model name the provider is sent
 */
public record Target(Provider provider, String modelId, String upstreamModel) {
}
