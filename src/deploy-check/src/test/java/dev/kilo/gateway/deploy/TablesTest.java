package dev.kilo.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tables come from infra/dynamodb/tables, with the settings the issue asks for. */
class TablesTest {

    /** Every key Terraform (dynamodb.tf) or the local loader (TableDefinition) reads; anything else would be lost. */
    private static final Set<String> KNOWN_KEYS = Set.of("TableName", "Description", "AttributeDefinitions",
            "KeySchema", "GlobalSecondaryIndexes", "TimeToLiveSpecification", "TimeToLiveAttribute",
            "StreamSpecification");

    @Test
    void everyDefinitionIsOneTableNamedLikeItsFileWithOnlyKeysTerraformReads() {
        definitions().forEach((name, table) -> {
            assertEquals(name, table.path("TableName").asText(), name + ".json");
            assertTrue(KNOWN_KEYS.containsAll(FunctionsTest.fieldNames(table)),
                    name + ".json has keys dynamodb.tf ignores: " + FunctionsTest.fieldNames(table));
            JsonNode ttl = table.path("TimeToLiveSpecification");
            if (!ttl.isMissingNode()) {
                assertTrue(ttl.path("AttributeName").isTextual(), name + ": TimeToLiveSpecification.AttributeName");
            }
        });
        assertTrue(definitions().keySet().containsAll(Set.of("keys", "models")), definitions().keySet().toString());
    }

    @Test
    void tablesAreCreatedFromTheDefinitionsOnDemandRecoverableAndEncrypted() {
        assertTrue(Configs.module().local("tables_dir").asText().endsWith("/infra/dynamodb/tables"));
        assertTrue(Configs.module().local("tables").asText().contains("fileset(local.tables_dir, \"*.json\")"));
        JsonNode table = Configs.module().resource("aws_dynamodb_table", "this");
        assertEquals("${local.tables}", table.path("for_each").asText());
        assertEquals("${local.table_prefix}${each.value.TableName}", table.path("name").asText());
        assertEquals("PAY_PER_REQUEST", table.path("billing_mode").asText());
        assertTrue(table.path("point_in_time_recovery").get(0).path("enabled").asBoolean(), "PITR");
        assertTrue(table.path("server_side_encryption").get(0).path("enabled").asBoolean(), "encryption at rest");
        JsonNode dynamic = table.path("dynamic");
        for (String block : new String[] {"attribute", "global_secondary_index", "ttl"}) {
            assertTrue(dynamic.has(block), "no dynamic " + block);
        }
        assertEquals("${local.table_ttl[each.key] == null ? [] : [local.table_ttl[each.key]]}",
                dynamic.path("ttl").get(0).path("for_each").asText());
        String ttl = Configs.module().local("table_ttl").asText();
        assertTrue(ttl.contains("TimeToLiveSpecification") && ttl.contains("TimeToLiveAttribute"), ttl);
        assertTrue(table.path("stream_enabled").asText().contains("StreamSpecification.StreamEnabled"));
    }

    @Test
    void theCatalogTableStreamsForTheRouter() {
        JsonNode stream = definitions().get("models").path("StreamSpecification");
        assertTrue(stream.path("StreamEnabled").asBoolean(), "models.json must enable its stream");
        assertTrue(Set.of("KEYS_ONLY", "NEW_IMAGE", "NEW_AND_OLD_IMAGES").contains(stream.path("StreamViewType").asText()));
    }

    @Test
    void theAdminKeyItemHasKeyStoresAttributesAndKeySecretsFormat() throws IOException {
        String keyStore = Files.readString(TerraformConfig.REPO.resolve(
                "src/core/src/main/java/dev/kilo/gateway/store/KeyStore.java"));
        Set<String> written = SourceFacts.putAttributes(keyStore);
        JsonNode item = Configs.module().resource("aws_dynamodb_table_item", "admin_key");
        String json = item.path("item").asText();
        Set<String> terraform = SourceFacts.objectKeys(json);
        assertTrue(written.containsAll(terraform), "Terraform writes attributes KeyStore does not: " + terraform
                + " vs " + written);
        assertTrue(terraform.containsAll(Set.of("key_hash", "key_id", "name", "hint", "role", "status", "created_at")),
                terraform.toString());
        assertTrue(json.contains("sha256(local.admin_key)"), "the key is stored as KeySecrets.hash does: hex SHA-256");
        assertTrue(json.contains("\"admin\""), "role admin");
        assertTrue(item.path("lifecycle").get(0).path("ignore_changes").toString().contains("item"),
                "a later apply must not undo a revocation");

        String keySecrets = Files.readString(TerraformConfig.REPO.resolve(
                "src/core/src/main/java/dev/kilo/gateway/auth/KeySecrets.java"));
        String prefix = SourceFacts.constant(keySecrets, "PREFIX");
        assertTrue(Configs.module().local("admin_key").asText().contains("\"" + prefix + "${random_password"),
                "admin key prefix " + prefix);
        JsonNode password = Configs.module().resource("random_password", "admin_key");
        // KeySecrets: 32 random bytes as unpadded URL-safe Base64 = 43 characters of [A-Za-z0-9_-].
        assertEquals(43, password.path("length").asInt());
        assertEquals("-_", password.path("override_special").asText());
    }

    @Test
    void providerKeysNeverPassThroughTerraform() {
        JsonNode version = Configs.module().resource("aws_secretsmanager_secret_version", "provider_keys_initial");
        assertEquals("{}", version.path("secret_string").asText());
        assertTrue(version.path("lifecycle").get(0).path("ignore_changes").toString().contains("secret_string"));
        Configs.module().blocks("variable").forEach((name, body) -> {
            boolean secretish = name.matches(".*(api_key|provider_keys|password|token)$");
            assertTrue(!secretish, "variable " + name + " would put a secret in plan and state");
        });
        Configs.module().blocks("output").forEach((name, body) -> {
            if (body.path("value").asText().contains("admin_key}") && !name.equals("admin_key_id")) {
                assertTrue(body.path("sensitive").asBoolean(), "output " + name + " shows the admin key unmasked");
            }
        });
    }

    static Map<String, JsonNode> definitions() {
        Path dir = TerraformConfig.REPO.resolve("infra/dynamodb/tables");
        Map<String, JsonNode> tables = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                tables.put(file.getFileName().toString().replace(".json", ""), new ObjectMapper().readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }
}
