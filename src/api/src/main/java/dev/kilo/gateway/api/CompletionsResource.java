package dev.kilo.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.request.GatewayRequest;
import dev.kilo.gateway.request.RequestParser;
import dev.kilo.gateway.service.GatewayCall;
import dev.kilo.gateway.service.GatewayService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * OpenAI's completion endpoints. Each parses the body once, calls {@link GatewayService} and writes what it gets.
 * Every answer is written as a stream of byte chunks so that one method serves both {@code stream: true} (SSE,
 * flushed chunk by chunk) and whole JSON answers; the content type is set per answer from the body's
 * {@code stream} flag. Quarkus streams a {@code Multi} raw only for one declared non-JSON, non-SSE type, and clients
 * send {@code Accept: application/json} even when they ask for a stream, so {@link EdgeFilters} drops the
 * {@code Accept} header of these requests before content negotiation.
 */
@Path(ApiPaths.V1)
public class CompletionsResource {

    private final RequestParser parser;
    private final GatewayService service;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    public CompletionsResource(RequestParser parser, GatewayService service, ObjectMapper mapper,
            GatewayConfig config) {
        this.parser = parser;
        this.service = service;
        this.mapper = mapper;
        this.maxBodyBytes = config.limits().maxBodyBytes();
    }

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<byte[]> chatCompletions(byte[] body, @Context RoutingContext request) {
        return serve(body, request, parser::chat);
    }

    @POST
    @Path("/completions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<byte[]> completions(byte[] body, @Context RoutingContext request) {
        return serve(body, request, parser::completion);
    }

    @POST
    @Path("/embeddings")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public RestMulti<byte[]> embeddings(byte[] body, @Context RoutingContext request) {
        return serve(body, request, parser::embeddings);
    }

    private RestMulti<byte[]> serve(byte[] body, @Context RoutingContext request,
            Function<byte[], GatewayRequest> parse) {
        String requestId = EdgeFilters.requestId(request);
        Uni<Outcome> outcome = Uni.createFrom().item(() -> parse.apply(BodyLimit.check(body, maxBodyBytes)))
                .map(parsed -> new GatewayCall(parsed, EdgeFilters.key(request), requestId, body.length,
                        GatewayHeaders.hints(request)))
                .flatMap(call -> call.request().stream()
                        ? service.stream(call).map(served -> Outcome.stream(served, mapper, requestId))
                        : service.respond(call).map(served -> Outcome.whole(served, mapper, requestId)));
        return RestMulti.fromUniResponse(outcome, Outcome::body, Outcome::headers, Outcome::status);
    }
}
