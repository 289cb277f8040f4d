package dev.kilo.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.request.GatewayRequest;
import dev.kilo.gateway.request.RequestParser;
import dev.kilo.gateway.service.RouteRecord;
import dev.kilo.gateway.service.RouteService;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code POST /v1/route}: which model a request would be routed to and why, without calling any model.
 * {@code GET /v1/route/{request-id}}: the decision recorded for an earlier request (the caller's own, or any for an
 * admin key).
 */
@Path(ApiPaths.V1 + "/route")
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    private final RequestParser parser;
    private final RouteService routes;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    public RouteResource(RequestParser parser, RouteService routes, ObjectMapper mapper, GatewayConfig config) {
        this.parser = parser;
        this.routes = routes;
        this.mapper = mapper;
        this.maxBodyBytes = config.limits().maxBodyBytes();
    }

    /** Takes a chat completions body (or a text completions body, with {@code prompt}). */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<RouteRecord> route(byte[] body, @Context RoutingContext routing) {
        String requestId = EdgeFilters.requestId(routing);
        return Uni.createFrom().item(() -> parse(BodyLimit.check(body, maxBodyBytes)))
                .flatMap(request -> routes.explain(request, name -> routing.request().getHeader(name), requestId,
                        EdgeFilters.key(routing)))
                .map(decision -> new RouteRecord(RouteRecord.OBJECT, requestId, Instant.now().toString(), true,
                        decision, null, null));
    }

    /** Blocking (a DynamoDB read), so RESTEasy Reactive runs it on a worker thread. */
    @GET
    @Path("/{requestId}")
    public RouteRecord find(@PathParam("requestId") String requestId, @Context RoutingContext routing) {
        return routes.find(requestId, EdgeFilters.key(routing));
    }

    private GatewayRequest parse(byte[] body) {
        // A body with a prompt and no messages is a text completion; anything else is read as chat, whose errors
        // name what is missing. Parsing twice is fine here: a dry run is not the request path.
        boolean completion;
        try {
            JsonNode tree = mapper.readTree(body);
            completion = tree != null && tree.has("prompt") && !tree.has("messages");
        } catch (IOException e) {
            completion = false;
        }
        return completion ? parser.completion(body) : parser.chat(body);
    }
}
