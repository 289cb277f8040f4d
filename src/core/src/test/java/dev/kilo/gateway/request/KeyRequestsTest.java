package dev.kilo.gateway.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.auth.BudgetPeriod;
import dev.kilo.gateway.auth.KeyLimits;
import dev.kilo.gateway.error.GatewayException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static void refused(String json, String param) {
        GatewayException e = assertThrows(GatewayException.class, () -> KeyRequests.create(body(json)));
        assertEquals(400, e.status());
        assertEquals(param, e.param());
    }

    @Test
    void createReadsEveryLimit() throws Exception {
        KeyRequests.KeyCreate create = KeyRequests.create(body("""
                {"name":" ci ","role":"admin","budget_usd":12.5,"budget_period":"month","rpm":60,"tpm":100000,
                 "allowed_models":["openai/*"],"denied_models":["*gpt-5"],
                 "routing":{"profile":"eco","max_price":5,"cost_quality_tradeoff":3}}"""));
        assertEquals("ci", create.name());
        assertEquals("admin", create.role());
        KeyLimits limits = create.limits();
        assertEquals(0, new BigDecimal("12.5").compareTo(limits.budgetUsd()));
        assertEquals(BudgetPeriod.MONTH, limits.budgetPeriod());
        assertEquals(60, limits.rpm());
        assertEquals(100000L, limits.tpm());
        assertEquals(List.of("openai/*"), limits.allowedModels());
        assertEquals("eco", limits.routing().path("profile").asText());
    }

    @Test
    void createDefaultsToAUserKeyWithoutLimits() throws Exception {
        KeyRequests.KeyCreate create = KeyRequests.create(body("{\"name\":\"dev\"}"));
        assertEquals("user", create.role());
        assertEquals(KeyLimits.NONE, create.limits());
    }

    @Test
    void wrongTypesAndValuesNameTheirParam() {
        refused("{}", "name");
        refused("{\"name\":\"\"}", "name");
        refused("{\"name\":\"a\",\"role\":\"root\"}", "role");
        refused("{\"name\":\"a\",\"budget_usd\":\"10\"}", "budget_usd");
        refused("{\"name\":\"a\",\"budget_usd\":0}", "budget_usd");
        refused("{\"name\":\"a\",\"budget_period\":\"year\"}", "budget_period");
        refused("{\"name\":\"a\",\"rpm\":0}", "rpm");
        refused("{\"name\":\"a\",\"rpm\":1.5}", "rpm");
        refused("{\"name\":\"a\",\"tpm\":-1}", "tpm");
        refused("{\"name\":\"a\",\"allowed_models\":\"openai/*\"}", "allowed_models");
        refused("{\"name\":\"a\",\"denied_models\":[\"\"]}", "denied_models[0]");
        refused("{\"name\":\"a\",\"routing\":{\"profile\":\"fast\"}}", "routing.profile");
        refused("{\"name\":\"a\",\"routing\":{\"cost_quality_tradeoff\":11}}", "routing.cost_quality_tradeoff");
        refused("{\"name\":\"a\",\"routing\":{\"speed\":1}}", "routing.speed");
        refused("{\"name\":\"a\",\"budget\":10}", "budget");
    }

    @Test
    void patchReplacesPresentFieldsKeepsOthersAndNullClears() throws Exception {
        KeyLimits current = KeyRequests.create(body(
                "{\"name\":\"a\",\"budget_usd\":10,\"budget_period\":\"day\",\"rpm\":5}")).limits();
        KeyRequests.KeyPatch patch = KeyRequests.patch(body("{\"rpm\":null,\"tpm\":500}"), current);
        assertNull(patch.name());
        assertEquals(0, BigDecimal.TEN.compareTo(patch.limits().budgetUsd()));
        assertEquals(BudgetPeriod.DAY, patch.limits().budgetPeriod());
        assertNull(patch.limits().rpm());
        assertEquals(500L, patch.limits().tpm());
        GatewayException role = assertThrows(GatewayException.class,
                () -> KeyRequests.patch(body("{\"role\":\"admin\"}"), current));
        assertEquals("role", role.param());
    }
}
