package dev.kilo.gateway.api;

import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.request.KeyRequests;
import dev.kilo.gateway.request.RequestParser;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Key management for admin keys: create (the secret is in the answer, once), list, read, change limits, revoke.
 * Blocking DynamoDB calls: Quarkus runs these methods on worker threads.
 */
@Path(ApiPaths.V1 + "/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class KeysResource {

    private final KeyService keys;
    private final RequestParser parser;

    public KeysResource(KeyService keys, RequestParser parser) {
        this.keys = keys;
        this.parser = parser;
    }

    @POST
    public Response create(byte[] body, @Context RoutingContext routing) {
        admin(routing);
        KeyRequests.KeyCreate request = KeyRequests.create(parser.parseObject(body));
        KeyService.CreatedKey created = keys.create(request.name(), request.role(), request.limits());
        return Response.status(201)
                .entity(KeyView.of(created.key(), keys.spend(created.key()).orElse(null), created.secret()))
                .build();
    }

    @GET
    public KeyView.KeyList list(@Context RoutingContext routing) {
        admin(routing);
        return new KeyView.KeyList("list", keys.list().stream().map(key -> KeyView.of(key, null, null)).toList());
    }

    @GET
    @Path("/{id}")
    public KeyView get(@PathParam("id") String id, @Context RoutingContext routing) {
        admin(routing);
        ApiKey key = keys.find(id).orElseThrow(() -> noSuchKey(id));
        return KeyView.of(key, keys.spend(key).orElse(null), null);
    }

    @PATCH
    @Path("/{id}")
    public KeyView update(@PathParam("id") String id, byte[] body, @Context RoutingContext routing) {
        admin(routing);
        ApiKey current = keys.find(id).orElseThrow(() -> noSuchKey(id));
        KeyRequests.KeyPatch patch = KeyRequests.patch(parser.parseObject(body), current.limits());
        ApiKey updated = keys.update(id, patch.name(), patch.limits()).orElseThrow(() -> noSuchKey(id));
        return KeyView.of(updated, keys.spend(updated).orElse(null), null);
    }

    /** Revokes the key: it stops working at once on this instance, within the key cache TTL on others. */
    @DELETE
    @Path("/{id}")
    public KeyView revoke(@PathParam("id") String id, @Context RoutingContext routing) {
        admin(routing);
        return KeyView.of(keys.revoke(id).orElseThrow(() -> noSuchKey(id)), null, null);
    }

    private static void admin(RoutingContext routing) {
        ApiKey caller = EdgeFilters.key(routing);
        if (caller == null || !caller.admin()) {
            throw new GatewayException(403, ErrorTypes.PERMISSION, "insufficient_permissions", null,
                    "Managing keys needs an admin key.");
        }
    }

    private static GatewayException noSuchKey(String id) {
        return GatewayException.notFound("No key with id '" + id + "'.");
    }
}
