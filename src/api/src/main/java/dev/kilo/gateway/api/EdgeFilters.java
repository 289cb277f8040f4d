package dev.kilo.gateway.api;

import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.auth.Authenticator;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.error.ErrorBody;
import dev.kilo.gateway.error.GatewayException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every API request goes through before a resource sees it: a request id, the body size limit (checked on
 * the declared length, before the body is read) and Bearer key authentication. Health and OpenAPI stay open.
 */
public class EdgeFilters {

    static final String KEY = "gateway.key";
    static final String REQUEST_ID = "gateway.request-id";
    static final String ALIAS = "gateway.alias";

    private final Authenticator authenticator;
    private final long maxBodyBytes;
    private final boolean publicModelList;

    public EdgeFilters(Authenticator authenticator, GatewayConfig config) {
        this.authenticator = authenticator;
        this.maxBodyBytes = config.limits().maxBodyBytes();
        this.publicModelList = config.auth().publicModelList();
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> filter(ContainerRequestContext request, RoutingContext routing) {
        routing.put(REQUEST_ID, newRequestId());
        String path = request.getUriInfo().getPath();
        if (!ApiPaths.isApi(path)) {
            return null;
        }
        String canonical = ApiPaths.canonical(path);
        if (canonical != null) {
            routing.put(ALIAS, Boolean.TRUE);
            request.setRequestUri(request.getUriInfo().getRequestUriBuilder().replacePath(canonical).build());
        }
        if (ApiPaths.isCompletion(path)) {
            // The body's "stream" flag, not Accept, decides between JSON and SSE (see CompletionsResource).
            request.getHeaders().remove("Accept");
        }
        // Public model lists need no key, but a key that is sent is still checked: a wrong one is a 401 that tells
        // the client its configuration is broken, rather than a silent anonymous answer.
        if (publicModelList && request.getHeaderString("Authorization") == null
                && ApiPaths.isModelList(request.getMethod(), path)) {
            return null;
        }
        int declared = request.getLength();
        if (declared > maxBodyBytes) {
            return Uni.createFrom().item(ErrorResponses.of(BodyLimit.tooLarge(maxBodyBytes)));
        }
        return authenticator.authenticate(request.getHeaderString("Authorization"))
                .onItem().transform(key -> {
                    routing.put(KEY, key);
                    return (Response) null;
                })
                .onFailure(GatewayException.class)
                .recoverWithItem(failure -> ErrorResponses.of((GatewayException) failure));
    }

    @ServerResponseFilter
    public void addRequestId(ContainerResponseContext response, RoutingContext routing) {
        Object id = routing.get(REQUEST_ID);
        if (id != null) {
            response.getHeaders().putSingle(GatewayHeaders.REQUEST_ID, id);
        }
    }

    static ApiKey key(RoutingContext routing) {
        return routing.get(KEY);
    }

    /** Whether the request came in under a hosted-Kilo prefix ({@code /api/gateway}, {@code /api/openrouter}). */
    static boolean viaAlias(RoutingContext routing) {
        return Boolean.TRUE.equals(routing.get(ALIAS));
    }

    static String requestId(RoutingContext routing) {
        return routing.get(REQUEST_ID);
    }

    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // The top bit set keeps each half at 16 hex digits.
        return "req_" + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
