package dev.kilo.gateway.local.usage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.auth.BudgetPeriod;
import dev.kilo.gateway.auth.KeyLimits;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.usage.LimitGuard;
import dev.kilo.gateway.usage.UsageWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Budgets and rate limits on DynamoDB Local: enforced under concurrency, for every role, reset by period. */
@QuarkusTest
class LimitsTest {

    /** chat-text.json's usage at gpt-5-mini's prices. */
    static final BigDecimal COST = new BigDecimal("0.000042");
    static final String CHAT = "{\"model\":\"openai/gpt-5-mini\",\"max_tokens\":20,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @Inject
    LimitGuard guard;

    @Inject
    UsageWriter writer;

    @TestHTTPResource("/v1/chat/completions")
    URL endpoint;

    @BeforeEach
    void stubs() {
        upstream.resetAll();
        upstream.stubFor(post("/openai/v1/chat/completions").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.text("openai/chat-text.json"))));
    }

    private KeyService.CreatedKey key(String name, String role, KeyLimits limits) {
        return keys.create(name, role, limits);
    }

    private static KeyLimits budget(String usd, BudgetPeriod period) {
        return new KeyLimits(new BigDecimal(usd), period, null, null, null, null, null);
    }

    @Test
    @Timeout(120)
    void twoHundredConcurrentRequestsNeverOverspendTheBudget() throws Exception {
        BigDecimal budget = new BigDecimal("0.001");
        KeyService.CreatedKey created = key("tight", KeyService.ROLE_USER, budget("0.001", null));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.toString()))
                .header("Authorization", "Bearer " + created.secret()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).timeout(Duration.ofSeconds(60)).build();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> statuses = inFlight.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertTrue(writer.drain(Duration.ofSeconds(30)), "every usage record written");

        long served = statuses.getOrDefault(200, 0L);
        long refused = statuses.getOrDefault(402, 0L);
        // On two cores, 200 requests at once with DynamoDB Local in the same machine can starve the fake upstream
        // past its 2 s test timeout: such a request is a 504, is not charged and releases its reservation.
        long timedOut = statuses.getOrDefault(504, 0L);
        assertEquals(200, served + refused + timedOut, "only 200, 402 or 504: " + statuses);
        assertTrue(refused > 0, "the budget held back part of the burst: " + statuses);
        BigDecimal spent = keys.spend(created.key()).orElseThrow().spentUsd();
        // Settled exactly: every served request counted once at its real cost, every reservation released.
        assertEquals(0, COST.multiply(BigDecimal.valueOf(served)).compareTo(spent), "spent " + spent);
        assertTrue(spent.compareTo(budget.add(COST)) <= 0, "spent " + spent + " within one request of " + budget);

        // Then one at a time until the budget refuses: what the burst left is usable to the end, and no further.
        int more = 0;
        while (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
            assertTrue(++more <= 30, "the budget never refused");
        }
        assertTrue(writer.drain(Duration.ofSeconds(30)));
        spent = keys.spend(created.key()).orElseThrow().spentUsd();
        assertEquals(0, COST.multiply(BigDecimal.valueOf(served + more)).compareTo(spent), "spent " + spent);
        assertTrue(spent.compareTo(budget) <= 0, "spent " + spent + " of " + budget);
        // Refused only once the most one more request could cost (its reservation) no longer fitted.
        // 30 prompt tokens (89 bytes / 3) at $0.25 per million and 20 output tokens at $2 per million.
        BigDecimal reservation = new BigDecimal("0.0000475");
        assertTrue(spent.add(reservation).compareTo(budget) > 0, "refused early at " + spent);
    }

    @Test
    void anAdminKeyIsHeldToItsBudgetToo() {
        KeyService.CreatedKey admin = key("admin-budget", KeyService.ROLE_ADMIN, budget("0.00001", null));
        given().header("Authorization", "Bearer " + admin.secret()).contentType("application/json").body(CHAT)
                .post("/v1/chat/completions").then().statusCode(402)
                .body("error.code", equalTo("budget_exceeded"))
                .body("error.type", equalTo("insufficient_quota"))
                .body("error.message", containsString("$0.00001"));
    }

    @Test
    void aBudgetedKeyCannotUseAnUnpricedModel() {
        KeyService.CreatedKey budgeted = key("unpriced-budget", KeyService.ROLE_USER, budget("5", null));
        given().header("Authorization", "Bearer " + budgeted.secret()).contentType("application/json")
                .body("{\"model\":\"openrouter/acme/unlisted-1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .post("/v1/chat/completions").then().statusCode(402)
                .body("error.code", equalTo("price_unknown")).body("error.param", equalTo("model"));
    }

    @Test
    void aPeriodicBudgetResetsWhenItsPeriodEnds() {
        ApiKey daily = key("daily", KeyService.ROLE_USER, budget("0.0001", BudgetPeriod.DAY)).key();
        Instant monday = Instant.parse("2026-11-23T23:59:00Z");
        BigDecimal cost = new BigDecimal("0.00006");
        guard.admit(daily, 10, cost, null, monday);
        GatewayException over = assertThrows(GatewayException.class,
                () -> guard.admit(daily, 10, cost, null, monday));
        assertEquals(402, over.status());
        assertEquals("60", over.headers().get("retry-after"));
        guard.admit(daily, 10, cost, null, monday.plusSeconds(120));
    }

    @Test
    void requestsPerMinuteAre429WithRetryAfterAndLimitHeaders() throws Exception {
        awayFromAMinuteBoundary();
        KeyService.CreatedKey limited = key("rpm", KeyService.ROLE_USER,
                new KeyLimits(null, null, 2, null, null, null, null));
        String bearer = "Bearer " + limited.secret();
        given().header("Authorization", bearer).contentType("application/json").body(CHAT)
                .post("/v1/chat/completions").then().statusCode(200)
                .header("x-ratelimit-limit-requests", "2").header("x-ratelimit-remaining-requests", "1");
        given().header("Authorization", bearer).contentType("application/json").body(CHAT)
                .post("/v1/chat/completions").then().statusCode(200).header("x-ratelimit-remaining-requests", "0");
        given().header("Authorization", bearer).contentType("application/json").body(CHAT)
                .post("/v1/chat/completions").then().statusCode(429)
                .header("retry-after", notNullValue())
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.message", containsString("2 requests per minute"));
    }

    @Test
    void aRequestLargerThanTheTokenRateIsRefused() {
        KeyService.CreatedKey limited = key("tpm", KeyService.ROLE_USER,
                new KeyLimits(null, null, null, 40L, null, null, null));
        // CHAT is 89 bytes (30 tokens at 3 bytes each) plus max_tokens 20: 50 tokens, more than 40.
        given().header("Authorization", "Bearer " + limited.secret()).contentType("application/json").body(CHAT)
                .post("/v1/chat/completions").then().statusCode(429)
                .body("error.code", equalTo("request_too_large")).body("error.param", equalTo("max_tokens"))
                .body("error.message", containsString("40 tokens per minute"));
    }

    @Test
    void allowedAndDeniedModelsAreEnforced() {
        KeyService.CreatedKey scoped = key("scoped", KeyService.ROLE_USER,
                new KeyLimits(null, null, null, null, List.of("openai/*"), List.of("*/gpt-5"), null));
        String bearer = "Bearer " + scoped.secret();
        given().header("Authorization", bearer).contentType("application/json").body(CHAT)
                .post("/v1/chat/completions").then().statusCode(200);
        given().header("Authorization", bearer).contentType("application/json")
                .body(CHAT.replace("gpt-5-mini", "gpt-5")).post("/v1/chat/completions").then().statusCode(403)
                .body("error.code", equalTo("model_not_allowed")).body("error.param", equalTo("model"));
        given().header("Authorization", bearer).contentType("application/json")
                .body(CHAT.replace("openai/gpt-5-mini", "anthropic/claude-sonnet-4-5"))
                .post("/v1/chat/completions").then().statusCode(403);
        assertFalse(upstream.getAllServeEvents().stream()
                .anyMatch(e -> e.getRequest().getBodyAsString().contains("\"gpt-5\"")), "never sent upstream");
    }

    /** A minute window that rolls over mid-test would reset the counter; start early in a minute. */
    private static void awayFromAMinuteBoundary() throws InterruptedException {
        int second = Instant.now().atZone(java.time.ZoneOffset.UTC).getSecond();
        if (second > 50) {
            Thread.sleep((61 - second) * 1000L);
        }
    }
}
