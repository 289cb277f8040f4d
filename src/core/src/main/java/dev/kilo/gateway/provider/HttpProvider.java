package dev.kilo.gateway.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.config.ProviderConfig;

/**
 * What every provider behind an HTTP API holds: its id, its configuration, its REST client and the JSON mapper for
 * stream events. Subclasses add only the calls and translations of their protocol.
 *
 * @param <A> the provider's REST client interface
 */
public abstract class HttpProvider<A> implements Provider {

    protected final String id;
    protected final ProviderConfig config;
    protected final A api;
    protected final ObjectMapper mapper;

    protected HttpProvider(String id, ProviderConfig config, A api, ObjectMapper mapper) {
        this.id = id;
        this.config = config;
        this.api = api;
        this.mapper = mapper;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderConfig config() {
        return config;
    }
}
