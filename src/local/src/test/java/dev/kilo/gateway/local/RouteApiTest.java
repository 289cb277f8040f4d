package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.service.ProviderHealth;
import dev.kilo.gateway.service.RoutingPolicies;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/route} explains without calling a model; {@code GET /v1/route/{id}} finds the decision again. */
@QuarkusTest
class RouteApiTest {

    static final String EDIT = "{\"model\":\"kilo/auto\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
            + "\"read_file\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"add a --verbose flag to cli.py\"}]}";

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @Inject
    ModelCatalog catalog;

    @Inject
    RoutingPolicies policies;

    @Inject
    ProviderHealth health;

    String auth;

    @BeforeEach
    void setUp() {
        upstream.resetAll();
        catalog.reload();
        policies.refresh();
        health.succeeded("openai");
        health.succeeded("anthropic");
        if (auth == null) {
            auth = TestKeys.bearer(keys, "route-api");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/api/openrouter", "/api/gateway"})
    void explainsADecisionWithoutCallingAnyModel(String prefix) {
        given().header("Authorization", auth).header("x-kilocode-mode", "code").contentType("application/json")
                .body(EDIT).post(prefix + "/route").then().statusCode(200)
                .body("object", equalTo("route.decision"))
                .body("dry_run", equalTo(true))
                .body("request_id", startsWith("req_"))
                .body("decision.task_class", equalTo("code_edit"))
                .body("decision.decided_by", equalTo("x-kilocode-mode: code"))
                .body("decision.profile", equalTo("balanced"))
                .body("decision.needs.tools", equalTo(true))
                .body("decision.chosen", notNullValue())
                .body("decision.estimated_cost_usd", notNullValue())
                .body("decision.reasons[0]", startsWith("Task class code edit"));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theFrontierProfileAndTheEfficientOneDiffer() {
        String frontier = chosen(EDIT.replace("kilo/auto", "kilo-auto/frontier"));
        String efficient = chosen(EDIT.replace("kilo/auto", "kilo-auto/efficient"));
        assertEquals("anthropic/claude-sonnet-4-5", frontier);
        assertEquals("openai/gpt-5-mini", efficient);
    }

    @Test
    void theDecisionIsRecordedForTheKeyThatAskedOnly() throws Exception {
        Response dryRun = given().header("Authorization", auth).contentType("application/json").body(EDIT)
                .post("/v1/route");
        String requestId = dryRun.header("x-request-id");
        assertEquals(requestId, dryRun.path("request_id"));
        Response found = awaitRecord(requestId, auth);
        assertEquals(200, found.statusCode(), found.asString());
        assertEquals(dryRun.<String>path("decision.chosen"), found.path("decision.chosen"));
        String other = TestKeys.bearer(keys, "someone-else");
        given().header("Authorization", other).get("/v1/route/" + requestId).then().statusCode(404)
                .body("error.code", equalTo("not_found"));
    }

    @Test
    void aNamedModelIsItsOwnAnswer() {
        given().header("Authorization", auth).contentType("application/json")
                .body(EDIT.replace("kilo/auto", "openai/gpt-5")).post("/v1/route").then().statusCode(200)
                .body("decision.chosen", equalTo("openai/gpt-5"))
                .body("decision.fallbacks", equalTo(List.of()));
    }

    @Test
    void freeWithoutFreeModelsIsA400NamingTheNeed() {
        given().header("Authorization", auth).contentType("application/json")
                .body(EDIT.replace("\"model\":\"kilo/auto\"",
                        "\"model\":\"kilo-auto/free\",\"routing\":{\"exclude\":[\"openrouter/*\"]}"))
                .post("/v1/route").then().statusCode(400)
                .body("error.code", equalTo("no_model_fits"))
                .body("error.param", equalTo("model"));
    }

    @Test
    void badControlsAreA400NamingTheParameter() {
        given().header("Authorization", auth).contentType("application/json")
                .body(EDIT.replace("\"model\":\"kilo/auto\"", "\"model\":\"kilo/auto\",\"routing\":{\"exclude\":\"x\"}"))
                .post("/v1/route").then().statusCode(400)
                .body("error.param", equalTo("routing.exclude"));
    }

    @Test
    void anExcludedModelIsNeverChosen() {
        String body = EDIT.replace("\"model\":\"kilo/auto\"",
                "\"model\":\"kilo-auto/efficient\",\"routing\":{\"exclude\":[\"*mini*\"]}");
        given().header("Authorization", auth).contentType("application/json").body(body).post("/v1/route")
                .then().statusCode(200)
                .body("decision.chosen", not(equalTo("openai/gpt-5-mini")))
                .body("decision.fallbacks", not(hasItem("openai/gpt-5-mini")));
    }

    @Test
    void needsAKey() {
        given().contentType("application/json").body(EDIT).post("/v1/route").then().statusCode(401);
    }

    private String chosen(String body) {
        return given().header("Authorization", auth).contentType("application/json").body(body).post("/v1/route")
                .then().statusCode(200).extract().path("decision.chosen");
    }

    /** The record is written off the response path: poll briefly. */
    static Response awaitRecord(String requestId, String auth) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Response response;
        do {
            response = given().header("Authorization", auth).get("/v1/route/" + requestId);
            if (response.statusCode() == 200) {
                return response;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertTrue(false, "no record for " + requestId + ": " + response.asString());
        return response;
    }
}
