package dev.kilo.gateway.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kilo.gateway.routing.RouteDecision;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What {@code GET /v1/route/{request-id}} answers: the decision as made, and for a served request the models tried
 * in order and the one that answered.
 *
 * @param dryRun the decision came from {@code POST /v1/route}: nothing was called
 * @param attempts each model tried, in order, with how it went
 * @param servedBy the model that answered, or null when none did (or on a dry run)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RouteRecord(String object, String requestId, String createdAt, boolean dryRun, RouteDecision decision,
        List<Attempt> attempts, String servedBy) {

    public static final String OBJECT = "route.decision";

    /**
     * @param outcome {@code ok}, or why the next candidate was tried: the HTTP status we map the failure to and our
     *     error code ({@code 429 rate_limit_exceeded}, {@code 504 upstream_timeout}, ...)
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attempt(String model, String outcome) {
    }
}
