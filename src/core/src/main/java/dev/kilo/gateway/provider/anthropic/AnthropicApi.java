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
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
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
    // Connection: close, because Quarkus' REST client closes an SSE response's connection itself once the stream
    // ends (SseEventSourceImpl), after Vert.x has already put it back in the pool: a request that picked it up in
    // between failed as "unreachable" (make bench: 128 of 6,800 streamed requests at 16 connections). Asking for
    // close keeps the connection out of the pool; each stream still costs a connection (see README, Performance).
    @POST
    @Path("/v1/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @ClientHeaderParam(name = "Connection", value = "close")
    Multi<SseEvent<String>> messagesStream(ObjectNode body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamHttpException.from(response);
    }
}
