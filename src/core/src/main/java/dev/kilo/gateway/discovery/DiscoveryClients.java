package dev.kilo.gateway.discovery;

import dev.kilo.gateway.config.ProviderConfig;

/**
 * Where {@link ModelLister} gets each provider's list API: REST clients in the application
 * ({@link RestDiscoveryClients}), scripted implementations in tests.
 */
public interface DiscoveryClients {

    OpenAiModelsApi openAi(String providerId, ProviderConfig config);

    AnthropicModelsApi anthropic(String providerId, ProviderConfig config);

    OllamaApi ollama(String providerId, ProviderConfig config);
}
