package dev.kilo.gateway.api;

import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves as OpenAI's error shape with the right status: never a stack trace, never an HTML page. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response gateway(GatewayException e, RoutingContext routing) {
        if (e.status() >= 500) {
            LOG.warnf("%s answered %d %s: %s", EdgeFilters.requestId(routing), e.status(), e.code(), e.getMessage());
        }
        return ErrorResponses.of(e);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, ContainerRequestContext request) {
        return ErrorResponses.of(new GatewayException(404, ErrorTypes.INVALID_REQUEST, "unknown_url", null,
                "Unknown request URL: " + request.getMethod() + " " + request.getUriInfo().getPath() + "."));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, ContainerRequestContext request) {
        return ErrorResponses.of(new GatewayException(405, ErrorTypes.INVALID_REQUEST, "method_not_allowed", null,
                "Method " + request.getMethod() + " is not allowed on " + request.getUriInfo().getPath() + "."));
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return ErrorResponses.of(new GatewayException(415, ErrorTypes.INVALID_REQUEST, "unsupported_media_type",
                null, "Unsupported Content-Type: send the body as application/json."));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 413) {
            return ErrorResponses.of(new GatewayException(413, ErrorTypes.INVALID_REQUEST, "request_too_large", null,
                    "The request body is larger than this gateway accepts."));
        }
        String type = status >= 500 ? ErrorTypes.SERVER : ErrorTypes.INVALID_REQUEST;
        return ErrorResponses.of(new GatewayException(status, type, null, null,
                status >= 500 ? "The gateway could not process the request." : "The request was not valid."));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext routing) {
        String requestId = EdgeFilters.requestId(routing);
        LOG.errorf(e, "%s failed unexpectedly", requestId);
        return ErrorResponses.of(new GatewayException(500, ErrorTypes.SERVER, "internal_error", null,
                "The gateway failed to process the request (request id " + requestId + ")."));
    }
}
