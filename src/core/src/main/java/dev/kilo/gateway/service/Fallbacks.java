package dev.kilo.gateway.service;

import dev.kilo.gateway.catalog.ModelResolver;
import dev.kilo.gateway.catalog.Target;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.routing.RouteDecision;
import dev.kilo.gateway.service.RouteRecord.Attempt;
import dev.kilo.gateway.service.RouteService.Routed;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Serves a routed request: the chosen model, then each fallback in order while the failure happened before the
 * first byte (429 from the provider, 5xx, timeout, connection failure, a candidate this gateway cannot reach). A
 * whole answer fails before its first byte by definition; a stream does until {@link StreamStart} emits. After
 * that, errors stay in-band: no silent switch. The answer carries the route headers; the decision record (with every
 * attempt) is written off the response path.
 *
 * @param <T> {@link Served} or {@link ServedStream}
 */
final class Fallbacks<T> {

    /** Route headers, documented in README ("kilo/auto"). */
    static final String CLASS = "x-kilo-route-class";
    static final String PROFILE = "x-kilo-route-profile";
    static final String REASON = "x-kilo-route-reason";
    static final String FALLBACKS = "x-kilo-fallbacks";
    static final String POLICY = "x-kilo-route-policy";

    /** One attempt: serve with this target, telling the meter which models failed before it. */
    interface Attempter<T> {
        Uni<T> attempt(Target target, List<String> failedBefore);
    }

    private final Routed routed;
    private final GatewayCall call;
    private final ModelResolver resolver;
    private final RouteService routes;
    private final Attempter<T> attempter;
    private final BiFunction<T, Map<String, String>, T> withHeaders;
    private final List<Attempt> attempts = new ArrayList<>();

    Fallbacks(Routed routed, GatewayCall call, ModelResolver resolver, RouteService routes, Attempter<T> attempter,
            BiFunction<T, Map<String, String>, T> withHeaders) {
        this.routed = routed;
        this.call = call;
        this.resolver = resolver;
        this.routes = routes;
        this.attempter = attempter;
        this.withHeaders = withHeaders;
    }

    Uni<T> serve() {
        return attempt(0);
    }

    private Uni<T> attempt(int index) {
        List<String> candidates = routed.decision().candidates();
        String model = candidates.get(index);
        List<String> failed = attempts.stream().map(Attempt::model).toList();
        Uni<T> answer;
        try {
            answer = attempter.attempt(resolver.resolve(model), failed);
        } catch (GatewayException e) {
            answer = Uni.createFrom().failure(e);
        }
        return answer.map(served -> {
            attempts.add(new Attempt(model, "ok"));
            routes.served(routed, model);
            routes.recordServed(call.requestId(), call.key(), routed.decision(), attempts, model);
            return withHeaders.apply(served, headers(routed.decision(), failed));
        }).onFailure().recoverWithUni(failure -> {
            attempts.add(new Attempt(model, outcome(failure)));
            boolean retry = retryable(failure);
            if (retry) {
                routes.failed(model);
            }
            if (retry && index + 1 < candidates.size()) {
                return attempt(index + 1);
            }
            routes.recordServed(call.requestId(), call.key(), routed.decision(), attempts, null);
            return Uni.createFrom().failure(withRoute(failure));
        });
    }

    /**
     * Failures the next candidate may not have: the provider's own rate limit, its 5xx (our 502/503/504, timeouts
     * and connection failures included), a candidate not served here. Not: the caller's request being refused
     * (4xx), nor the key's own budget or rate limit, which no other model changes.
     */
    static boolean retryable(Throwable failure) {
        if (!(failure instanceof GatewayException e)) {
            return true;
        }
        return e.status() >= 500 || "upstream_rate_limited".equals(e.code())
                || (e.status() == 404 && "model_not_found".equals(e.code()));
    }

    private static String outcome(Throwable failure) {
        return failure instanceof GatewayException e ? e.status() + (e.code() == null ? "" : " " + e.code())
                : failure.getClass().getSimpleName();
    }

    static Map<String, String> headers(RouteDecision decision, List<String> failedBefore) {
        Map<String, String> headers = new HashMap<>(8);
        headers.put(CLASS, decision.taskClass());
        headers.put(PROFILE, decision.profile());
        headers.put(REASON, decision.shortReason());
        headers.put(FALLBACKS, failedBefore.isEmpty() ? "none" : String.join(", ", failedBefore));
        headers.put(POLICY, Long.toString(decision.policyVersion()));
        return headers;
    }

    /** The last failure, saying which models were tried, with the route headers. */
    private GatewayException withRoute(Throwable failure) {
        List<String> tried = attempts.stream().map(Attempt::model).toList();
        Map<String, String> headers = headers(routed.decision(), tried);
        if (!(failure instanceof GatewayException e)) {
            return new GatewayException(502, "server_error", "upstream_error", null, "No routed model answered "
                    + "(tried " + String.join(", ", tried) + ").", headers);
        }
        headers.putAll(e.headers());
        String message = tried.size() > 1 ? e.getMessage() + " (kilo/auto tried " + String.join(", ", tried) + ")"
                : e.getMessage();
        return new GatewayException(e.status(), e.type(), e.code(), e.param(), message, headers);
    }

    static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }
}
