package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.provider.UpstreamHttpException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Anthropic's model list, relative to the API root ({@code https://api.anthropic.com}), one page per call.
 * {@code x-api-key} and {@code anthropic-version} come from {@link dev.kilo.gateway.provider.ProviderHeaders}.
 * See https://docs.anthropic.com/en/api/models-list.
 */
@Path("")
public interface AnthropicModelsApi {

    /**
     * @param limit page size, 1 to 1000
     * @param afterId the previous page's {@code last_id}; null for the first page (a null query parameter is
     *        left out of the request)
     */
    @GET
    @Path("/v1/models")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ObjectNode> models(@QueryParam("limit") int limit, @QueryParam("after_id") String afterId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamHttpException.from(response);
    }
}
