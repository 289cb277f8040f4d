package dev.kilo.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The three Lambda functions: zips, handlers, roles, log groups, sizes, schedules and the catalog stream. */
class FunctionsTest {

    private static final Set<String> FUNCTIONS = Set.of("completions", "discovery", "router");

    @Test
    void thereAreExactlyTheThreeFunctionsEachWithHandlerMemoryAndTimeoutVariables() {
        JsonNode functions = Configs.module().local("functions");
        assertEquals(FUNCTIONS, fieldNames(functions));
        for (String name : FUNCTIONS) {
            JsonNode fn = functions.path(name);
            assertFalse(fn.path("handler").asText().isBlank(), name + " has no handler");
            assertEquals("${var." + name + "_memory_size}", fn.path("memory_size").asText(), name);
            assertEquals("${var." + name + "_timeout}", fn.path("timeout").asText(), name);
            assertTrue(fn.path("environment").asText().contains("local.common_environment"),
                    name + " does not get the table prefix");
        }
    }

    @Test
    void eachFunctionHasItsOwnRoleAndLogGroupAndItsZip() {
        JsonNode lambda = Configs.module().resource("aws_lambda_function", "this");
        assertEquals("${local.functions}", lambda.path("for_each").asText());
        assertEquals("${aws_iam_role.function[each.key].arn}", lambda.path("role").asText());
        assertEquals("${aws_cloudwatch_log_group.function[each.key].name}",
                lambda.path("logging_config").get(0).path("log_group").asText());
        assertEquals("${each.value.handler}", lambda.path("handler").asText());
        assertEquals("${local.runtime}", lambda.path("runtime").asText());
        assertEquals("${local.zips[each.key]}", lambda.path("filename").asText());
        assertTrue(lambda.path("source_code_hash").asText().contains("filebase64sha256(local.zips[each.key])"),
                "a rebuilt zip must redeploy");

        assertEquals("${local.functions}", Configs.module().resource("aws_iam_role", "function").path("for_each").asText());
        assertEquals("${local.functions}", Configs.module().resource("aws_iam_role_policy", "function").path("for_each").asText());
        JsonNode logs = Configs.module().resource("aws_cloudwatch_log_group", "function");
        assertEquals("${local.functions}", logs.path("for_each").asText());
        assertEquals("${var.log_retention_days}", logs.path("retention_in_days").asText());
        assertEquals("/aws/lambda/${var.name}-${each.key}", logs.path("name").asText());
    }

    @Test
    void zipsAreTheOnesTheBuildWrites() {
        JsonNode zips = Configs.module().local("default_zips");
        assertEquals(FUNCTIONS, fieldNames(zips));
        for (String name : FUNCTIONS) {
            assertTrue(zips.path(name).asText().contains("/src/functions/" + name + "/target/"), name);
        }
        // The JVM completions and router zips carry bootstrap (from the shared runtime module) at their root, which
        // AWS_LAMBDA_EXEC_WRAPPER names.
        assertTrue(Configs.module().local("exec_wrapper").asText().contains("/var/task/bootstrap"));
        assertTrue(Files.isRegularFile(TerraformConfig.REPO.resolve("src/functions/runtime/src/main/lambda/bootstrap")));
    }

    @Test
    void handlersMatchWhatEachZipStarts() {
        JsonNode functions = Configs.module().local("functions");
        // Discovery on the managed Java runtime: Quarkus' stream handler, which FunctionZipIT finds in its zip.
        assertTrue(functions.path("discovery").path("handler").asText()
                .contains("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"));
        assertTrue(functions.path("discovery").path("handler").asText().contains("local.native ? \"bootstrap\""));
        // Completions and the router run their own loop: the exec wrapper on the JVM, the executable when native.
        for (String name : List.of("completions", "router")) {
            assertEquals("bootstrap", functions.path(name).path("handler").asText(), name);
            assertTrue(functions.path(name).path("environment").asText().contains("local.exec_wrapper"), name);
        }
        assertFalse(functions.path("discovery").path("environment").asText().contains("exec_wrapper"),
                "discovery is a plain handler: the managed runtime must run it");
        String runtime = Configs.module().local("runtime").asText();
        assertTrue(runtime.contains("provided.al2023") && runtime.contains("var.java_runtime"), runtime);
    }

    @Test
    void discoveryMayRunLongerThanItsOwnRefreshTimeout() throws IOException {
        String config = Files.readString(TerraformConfig.REPO.resolve(
                "src/core/src/main/java/dev/kilo/gateway/config/GatewayConfig.java"));
        Matcher refresh = Pattern.compile("@WithDefault\\(\"(\\d+)s\"\\)\\s+Duration timeout\\(\\);").matcher(
                config.substring(config.indexOf("interface Discovery")));
        assertTrue(refresh.find(), "gateway.discovery.timeout not found");
        int refreshSeconds = Integer.parseInt(refresh.group(1));

        JsonNode timeout = Configs.module().blocks("variable").get("discovery_timeout");
        assertTrue(timeout.path("default").asInt() > refreshSeconds, "discovery_timeout default");
        assertTrue(timeout.path("validation").get(0).path("condition").asText()
                .contains("var.discovery_timeout > " + refreshSeconds), "discovery_timeout validation");
        assertEquals(900, Configs.module().blocks("variable").get("completions_timeout").path("default").asInt(),
                "completions must be allowed the 15 minutes a streaming integration allows");
    }

    @Test
    void schedulesSendTheScheduledEventTheDiscoveryHandlerRecognises() throws IOException {
        assertEquals(Set.of("discovery", "router"), fieldNames(Configs.module().local("schedules")));
        assertEquals("${var.discovery_schedule}", Configs.module().local("schedules").path("discovery").asText());
        JsonNode schedule = Configs.module().resource("aws_scheduler_schedule", "function");
        JsonNode target = schedule.path("target").get(0);
        assertEquals("${aws_lambda_function.this[each.key].arn}", target.path("arn").asText());
        assertEquals("${aws_iam_role.scheduler.arn}", target.path("role_arn").asText());

        // The event the discovery function's harness test invokes it with is what Scheduler sends for this input.
        String input = target.path("input").asText();
        JsonNode event = new ObjectMapper().readTree(TerraformConfig.REPO.resolve(
                "src/functions/discovery/src/test/resources/events/scheduler-event.json").toFile());
        for (String field : fieldNames(event)) {
            assertTrue(input.contains("\"" + field + "\"") || input.contains(field + " "), "input lacks " + field);
        }
        assertTrue(input.contains("\"detail-type\" = \"Scheduled Event\""), input);
        assertEquals("Scheduled Event", event.path("detail-type").asText());
    }

    @Test
    void discoveryRunsOnceAtDeploySinceTheCompletionsFunctionNeverWritesTheCatalog() throws IOException {
        JsonNode first = Configs.module().resource("aws_lambda_invocation", "first_discovery");
        assertEquals("${aws_lambda_function.this[\"discovery\"].function_name}", first.path("function_name").asText());
        assertTrue(first.path("input").asText().contains("\"detail-type\" = \"Scheduled Event\""),
                first.path("input").asText());
        assertEquals("${aws_lambda_function.this[\"discovery\"].source_code_hash}",
                first.path("triggers").path("code").asText());
        assertEquals(Set.of("GetItem", "Scan"),
                texts(Configs.module().local("table_access").path("completions").path("models")));
        String properties = Files.readString(TerraformConfig.REPO.resolve(
                "src/functions/completions/src/main/resources/application.properties"));
        assertTrue(properties.contains("\ngateway.catalog.seed-from-config=false"), "completions must not seed");
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void theRouterRecompilesOnCatalogVersionChanges() {
        JsonNode mapping = Configs.module().resource("aws_lambda_event_source_mapping", "catalog_changes");
        assertEquals("${aws_dynamodb_table.this[\"models\"].stream_arn}", mapping.path("event_source_arn").asText());
        assertEquals("${aws_lambda_function.this[\"router\"].arn}", mapping.path("function_name").asText());
        String pattern = mapping.path("filter_criteria").get(0).path("filter").get(0).path("pattern").asText();
        assertTrue(pattern.contains("#catalog"), "only the #catalog version item should wake the router: " + pattern);
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Path repo(String path) {
        return TerraformConfig.REPO.resolve(path);
    }
}
