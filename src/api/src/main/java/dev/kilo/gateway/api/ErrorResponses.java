package dev.kilo.gateway.api;

import dev.kilo.gateway.error.ErrorBody;
import dev.kilo.gateway.error.GatewayException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Our errors as HTTP responses: OpenAI's error body, the right status, and headers such as retry-after. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response of(GatewayException e) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(e));
        e.headers().forEach(builder::header);
        return builder.build();
    }
}
