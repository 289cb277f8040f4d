package dev.kilo.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.provider.UpstreamHttpException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.client.SseEvent;

/**
 * Anthropic's Messages API, relative to the API root ({@code https://api.anthropic.com}). Authentication
 * ({@code x-api-key}) and {@code anthropic-version} are added by {@link dev.kilo.gateway.provider.ProviderHeaders}.
 * See https://docs.anthropic.com/en/api/messages.
 */
@Path("")
public interface AnthropicApi {

    @POST
    @Path("/v1/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ObjectNode> messages(ObjectNode body);

    /** The same endpoint with {@code "stream": true} in the body; events are named, their data is JSON. */
    @POST
    @Path("/v1/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    Multi<SseEvent<String>> messagesStream(ObjectNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamHttpException.from(response);
    }
}
