package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.provider.UpstreamHttpException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /models} relative to an OpenAI-compatible provider's base URL, OpenRouter's and the Kilo gateway's
 * included (their base URLs end in {@code /api/v1} and {@code /api/gateway}). A {@link JsonNode}, not an object:
 * Together answers with a bare array. See https://platform.openai.com/docs/api-reference/models/list.
 */
@Path("")
public interface OpenAiModelsApi {

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> models();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamHttpException.from(response);
    }
}
