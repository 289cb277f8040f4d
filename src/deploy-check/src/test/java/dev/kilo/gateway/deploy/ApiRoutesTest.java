package dev.kilo.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The REST API: every path the README documents reaches the right function through a streaming integration. Paths
 * are resolved the way API Gateway does: a literal child before a greedy {@code {proxy+}} child.
 */
class ApiRoutesTest {

    private static final String ROOT = "${aws_api_gateway_rest_api.this.root_resource_id}";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{aws_api_gateway_resource\\.([a-z0-9_]+)\\.id}");
    /** {@code `POST /v1/chat/completions`}, {@code `GET/PATCH /v1/keys/{id}`} or a bare {@code `/health/live`}. */
    private static final Pattern ENDPOINT = Pattern.compile(
            "`(?:((?:GET|POST|PUT|PATCH|DELETE)(?:/(?:GET|POST|PUT|PATCH|DELETE))*) )?(/[^`\\s?]*)[^`]*`");

    /** Served by the application but not (yet) in the README's API table: admin, usage and the router. */
    private static final Map<String, String> MORE_ROUTES = new LinkedHashMap<>();

    static {
        MORE_ROUTES.put("POST /v1/keys", "completions");
        MORE_ROUTES.put("GET /v1/keys/key_abc", "completions");
        MORE_ROUTES.put("GET /v1/usage", "completions");
        MORE_ROUTES.put("GET /v1/generation", "completions");
        MORE_ROUTES.put("GET /api/defaults", "completions");
        MORE_ROUTES.put("POST /api/openrouter/chat/completions", "completions");
        MORE_ROUTES.put("POST /api/gateway/chat/completions", "completions");
        MORE_ROUTES.put("POST /v1/route", "router");
        MORE_ROUTES.put("GET /v1/route/rt_123", "router");
    }

    @Test
    void everyDocumentedEndpointReachesItsFunction() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String endpoint : documentedEndpoints()) {
            // /v1/route and /v1/route/{id} are the router function's; everything else the completions function's.
            expected.put(endpoint, endpoint.contains("/v1/route") ? "router" : "completions");
        }
        assertTrue(expected.keySet().containsAll(List.of("POST /v1/chat/completions", "GET /v1/models",
                "GET /health/ready", "GET /api/gateway/chat/completions", "DELETE /v1/keys/openai/gpt-5-mini")),
                "README API table not read: " + expected.keySet());
        expected.putAll(MORE_ROUTES);

        List<String> wrong = new ArrayList<>();
        expected.forEach((endpoint, function) -> {
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            Optional<String> served = functionFor(path);
            if (!served.equals(Optional.of(function))) {
                wrong.add(endpoint + " -> " + served.orElse("no route") + ", expected " + function);
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void eachRoutesDeclaredPathIsWhereItsResourceSits() {
        Configs.module().local("routes").fields().forEachRemaining(route -> assertEquals(
                route.getValue().path("path").asText(), fullPath(resourceName(route.getValue())), route.getKey()));
    }

    @Test
    void everyIntegrationStreamsFromALambdaProxy() {
        JsonNode method = Configs.module().resource("aws_api_gateway_method", "route");
        assertEquals("${local.routes}", method.path("for_each").asText());
        assertEquals("ANY", method.path("http_method").asText());

        JsonNode integration = Configs.module().resource("aws_api_gateway_integration", "route");
        assertEquals("${local.routes}", integration.path("for_each").asText());
        assertEquals("AWS_PROXY", integration.path("type").asText());
        assertEquals("POST", integration.path("integration_http_method").asText());
        assertEquals("STREAM", integration.path("response_transfer_mode").asText());
        // The streaming invoke ARN (InvokeWithResponseStream); the plain invoke_arn would buffer.
        assertEquals("${aws_lambda_function.this[each.value.function].response_streaming_invoke_arn}",
                integration.path("uri").asText());
        assertEquals("${var.api_timeout_ms}", integration.path("timeout_milliseconds").asText());
        assertEquals(900000, Configs.module().blocks("variable").get("api_timeout_ms").path("default").asInt());

        JsonNode permission = Configs.module().resource("aws_lambda_permission", "api");
        assertEquals("${local.api_functions}", permission.path("for_each").asText());
        assertEquals("apigateway.amazonaws.com", permission.path("principal").asText());
        assertTrue(permission.path("source_arn").asText().startsWith("${aws_api_gateway_rest_api.this.execution_arn}"));
    }

    @Test
    void theApiIsRegionalSoIdleStreamsAreNotCutAt30Seconds() {
        JsonNode api = Configs.module().resource("aws_api_gateway_rest_api", "this");
        assertEquals("REGIONAL", api.path("endpoint_configuration").get(0).path("types").get(0).asText());
    }

    @Test
    void aStageIsRedeployedWhenTheWiringChanges() {
        JsonNode deployment = Configs.module().resource("aws_api_gateway_deployment", "this");
        String trigger = deployment.path("triggers").path("redeployment").asText();
        for (String part : List.of("local.routes", "aws_api_gateway_integration.route", "aws_api_gateway_method.route")) {
            assertTrue(trigger.contains(part), "redeployment ignores " + part);
        }
    }

    /** Endpoints in the README's API table, with sample values for path parameters and "..." tails. */
    private static List<String> documentedEndpoints() throws IOException {
        String readme = Files.readString(TerraformConfig.REPO.resolve("README.md"));
        int start = readme.indexOf("\n## API\n");
        String api = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> endpoints = new ArrayList<>();
        for (String line : api.lines().filter(l -> l.startsWith("| `") || l.startsWith("| the same")).toList()) {
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher m = ENDPOINT.matcher(firstCell);
            while (m.find()) {
                String path = m.group(2).replace("{id}", "openai/gpt-5-mini").replace("...", "chat/completions");
                for (String method : (m.group(1) == null ? "GET" : m.group(1)).split("/")) {
                    endpoints.add(method + " " + path);
                }
            }
        }
        return endpoints;
    }

    /** Which function API Gateway hands this path to, if any. */
    private static Optional<String> functionFor(String path) {
        String resource = match(ROOT, path.substring(1).split("/"), 0);
        if (resource == null) {
            return Optional.empty();
        }
        for (JsonNode route : iterable(Configs.module().local("routes"))) {
            if (resourceName(route).equals(resource)) {
                return Optional.of(route.path("function").asText());
            }
        }
        return Optional.empty();
    }

    /** The resource matching segments[i..] below the parent: a literal child first, else a greedy one. */
    private static String match(String parentId, String[] segments, int i) {
        Map<String, JsonNode> children = new LinkedHashMap<>();
        Configs.module().resources("aws_api_gateway_resource").forEach((name, body) -> {
            if (body.path("parent_id").asText().equals(parentId)) {
                children.put(name, body);
            }
        });
        for (Map.Entry<String, JsonNode> child : children.entrySet()) {
            if (child.getValue().path("path_part").asText().equals(segments[i])) {
                if (i == segments.length - 1) {
                    return child.getKey();
                }
                // No backtracking to a greedy sibling once a literal segment matched: assume API Gateway does not.
                return match("${aws_api_gateway_resource." + child.getKey() + ".id}", segments, i + 1);
            }
        }
        for (Map.Entry<String, JsonNode> child : children.entrySet()) {
            if (child.getValue().path("path_part").asText().endsWith("+}")) {
                return child.getKey();
            }
        }
        return null;
    }

    private static String fullPath(String resource) {
        JsonNode body = Configs.module().resource("aws_api_gateway_resource", resource);
        String parent = body.path("parent_id").asText();
        String path = "/" + body.path("path_part").asText();
        if (parent.equals(ROOT)) {
            return path;
        }
        Matcher m = REFERENCE.matcher(parent);
        assertTrue(m.matches(), "unexpected parent_id " + parent);
        return fullPath(m.group(1)) + path;
    }

    private static String resourceName(JsonNode route) {
        Matcher m = REFERENCE.matcher(route.path("resource_id").asText());
        assertTrue(m.matches(), "route resource_id is not a resource's id: " + route);
        return m.group(1);
    }

    private static Iterable<JsonNode> iterable(JsonNode object) {
        List<JsonNode> values = new ArrayList<>();
        object.elements().forEachRemaining(values::add);
        return values;
    }
}
