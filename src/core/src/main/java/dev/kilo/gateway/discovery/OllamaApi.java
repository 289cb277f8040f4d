package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.provider.UpstreamHttpException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Ollama's native API, relative to its root ({@code http://host:11434}, see {@link OllamaModels#nativeRoot}), not
 * to the OpenAI-compatible {@code /v1} the provider is configured with. See https://docs.ollama.com/api.
 */
@Path("")
public interface OllamaApi {

    /** The local models. https://docs.ollama.com/api/tags */
    @GET
    @Path("/api/tags")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ObjectNode> tags();

    /** One model's details; the body is {@code {"model": name}}. https://docs.ollama.com/api/show */
    @POST
    @Path("/api/show")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ObjectNode> show(ObjectNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamHttpException.from(response);
    }
}
