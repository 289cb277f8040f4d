package dev.kilo.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Least privilege: explicit actions on named resources, per function. */
class IamTest {

    /** DynamoDB item and query actions a function may be granted on a table, and DescribeTable; never management. */
    private static final Set<String> DATA_ACTIONS = Set.of("GetItem", "BatchGetItem", "PutItem", "UpdateItem",
            "DeleteItem", "BatchWriteItem", "Query", "Scan", "ConditionCheckItem", "DescribeTable");

    @Test
    void noStatementAllowsWildcardActionsOrResources() {
        List<String> problems = new ArrayList<>();
        Configs.module().resources("data", "aws_iam_policy_document").forEach((name, document) -> {
            for (JsonNode statement : statements(document)) {
                for (JsonNode action : statement.path("actions")) {
                    if (action.asText().equals("*") || action.asText().endsWith(":*")) {
                        problems.add(name + " " + statement.path("sid").asText() + ": action " + action.asText());
                    }
                }
                for (JsonNode resource : statement.path("resources")) {
                    if (resource.asText().equals("*")) {
                        problems.add(name + " " + statement.path("sid").asText() + ": resource *");
                    }
                }
                if (statement.path("effect").asText("Allow").equals("Allow") && statement.has("not_actions")) {
                    problems.add(name + ": Allow with not_actions");
                }
            }
        });
        // Policies written as JSON strings elsewhere would escape the check above.
        Configs.module().strings().forEach(s -> {
            if (s.getValue().contains("\"Action\"") || s.getValue().contains("Action =")) {
                problems.add(s.getKey().getFileName() + ": inline policy JSON; use aws_iam_policy_document");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyTableIsGrantedExplicitlyToTheFunctionsThatUseIt() {
        JsonNode access = Configs.module().local("table_access");
        assertEquals(Set.of("completions", "discovery", "router"), FunctionsTest.fieldNames(access));
        Set<String> granted = new TreeSet<>();
        access.fields().forEachRemaining(fn -> fn.getValue().fields().forEachRemaining(table -> {
            granted.add(table.getKey());
            for (JsonNode action : table.getValue()) {
                assertTrue(DATA_ACTIONS.contains(action.asText()),
                        fn.getKey() + " on " + table.getKey() + ": " + action.asText() + " is not an item action");
            }
        }));
        for (String table : TablesTest.definitions().keySet()) {
            assertTrue(granted.contains(table), "table " + table + " (infra/dynamodb/tables/" + table
                    + ".json) is granted to no function: add it to local.table_access in terraform/iam.tf");
        }
        // The functions use what the code needs, no more: discovery never touches keys.
        assertFalse(access.path("discovery").has("keys"), "discovery must not read keys");
        assertEquals(Set.of("models"), FunctionsTest.fieldNames(access.path("discovery")));
        assertTrue(access.path("completions").path("keys").toString().contains("UpdateItem"), "budgets, revocation");
    }

    @Test
    void eachRolePolicyIsScopedToItsOwnLogGroupTablesAndSecret() {
        JsonNode document = Configs.module().resources("data", "aws_iam_policy_document").get("function");
        assertEquals("${local.functions}", document.path("for_each").asText());
        JsonNode logs = document.path("statement").get(0);
        assertEquals("${aws_cloudwatch_log_group.function[each.key].arn}:*", logs.path("resources").get(0).asText());

        String statements = document.path("dynamic").toString();
        assertTrue(statements.contains("local.table_statements[each.key]"), statements);
        assertTrue(statements.contains("contains(local.reads_provider_keys, each.key)"), statements);
        assertEquals(List.of("completions", "discovery"), strings(Configs.module().local("reads_provider_keys")));
        // Only the functions that get the secret's ARN may read it.
        JsonNode functions = Configs.module().local("functions");
        for (String fn : List.of("completions", "discovery", "router")) {
            boolean hasSecret = functions.path(fn).path("environment").asText().contains("provider_keys_environment");
            assertEquals(strings(Configs.module().local("reads_provider_keys")).contains(fn), hasSecret, fn);
        }
        String tableStatements = Configs.module().local("table_statements").asText();
        assertTrue(tableStatements.contains("aws_dynamodb_table.this[table].arn"), tableStatements);
        assertTrue(tableStatements.contains("if contains(keys(local.tables), table)"), tableStatements);
    }

    @Test
    void rolesAreAssumedOnlyByTheirServiceFromThisAccount() {
        for (Map.Entry<String, String> role : Map.of("lambda_assume", "lambda.amazonaws.com",
                "scheduler_assume", "scheduler.amazonaws.com").entrySet()) {
            JsonNode statement = Configs.module().resources("data", "aws_iam_policy_document").get(role.getKey())
                    .path("statement").get(0);
            assertEquals(role.getValue(), statement.path("principals").get(0).path("identifiers").get(0).asText());
            assertEquals("aws:SourceAccount", statement.path("condition").get(0).path("variable").asText());
        }
        JsonNode scheduler = Configs.module().resources("data", "aws_iam_policy_document").get("scheduler")
                .path("statement").get(0);
        assertEquals(List.of("lambda:InvokeFunction"), strings(scheduler.path("actions")));
    }

    private static List<JsonNode> statements(JsonNode document) {
        List<JsonNode> statements = new ArrayList<>();
        document.path("statement").forEach(statements::add);
        for (JsonNode dynamic : document.path("dynamic").path("statement")) {
            dynamic.path("content").forEach(statements::add);
        }
        return statements;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
