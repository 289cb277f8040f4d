package dev.kilo.gateway.request;

import static dev.kilo.gateway.request.ParamChecks.array;
import static dev.kilo.gateway.request.ParamChecks.invalidType;
import static dev.kilo.gateway.request.ParamChecks.nonEmptyString;
import static dev.kilo.gateway.request.ParamChecks.object;
import static dev.kilo.gateway.request.ParamChecks.optional;
import static dev.kilo.gateway.request.ParamChecks.optionalEnum;
import static dev.kilo.gateway.request.ParamChecks.optionalInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.auth.BudgetPeriod;
import dev.kilo.gateway.auth.KeyLimits;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.error.GatewayException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Bodies of the key management API ({@code POST /v1/keys}, {@code PATCH /v1/keys/{id}}): the key's name, role and
 * limits as flat fields. Pure; every wrong type, value or unknown field is a 400 naming it.
 */
public final class KeyRequests {

    static final Set<String> LIMIT_FIELDS = Set.of("budget_usd", "budget_period", "rpm", "tpm", "allowed_models",
            "denied_models", "routing");
    static final Set<String> ROUTING_FIELDS = Set.of("profile", "max_price", "cost_quality_tradeoff", "models",
            "exclude");

    private KeyRequests() {
    }

    public record KeyCreate(String name, String role, KeyLimits limits) {
    }

    /** A key to create: {@code name} is required, {@code role} defaults to {@code user}. */
    public static KeyCreate create(ObjectNode body) {
        checkFields(body, true);
        String name = name(ParamChecks.required(body, "name", "name"));
        String role = optionalEnum(body, "role", "role", Set.of(KeyService.ROLE_USER, KeyService.ROLE_ADMIN));
        return new KeyCreate(name, role == null ? KeyService.ROLE_USER : role, limits(body, KeyLimits.NONE));
    }

    public record KeyPatch(String name, KeyLimits limits) {
    }

    /** Changes to a key: fields present replace the current value, {@code null} removes a limit. */
    public static KeyPatch patch(ObjectNode body, KeyLimits current) {
        checkFields(body, false);
        JsonNode name = optional(body, "name");
        return new KeyPatch(name == null ? null : name(name), limits(body, current));
    }

    private static KeyLimits limits(ObjectNode body, KeyLimits current) {
        BigDecimal budget = body.has("budget_usd") ? budget(body) : current.budgetUsd();
        BudgetPeriod period = current.budgetPeriod();
        if (body.has("budget_period")) {
            String text = optionalEnum(body, "budget_period", "budget_period", Set.of("total", "day", "week", "month"));
            period = text == null ? null : BudgetPeriod.parse(text);
        }
        Integer rpm = body.has("rpm") ? intOrNull(optionalInteger(body, "rpm", 1, 1_000_000)) : current.rpm();
        Long tpm = body.has("tpm") ? optionalInteger(body, "tpm", 1, 1_000_000_000_000L) : current.tpm();
        List<String> allowed = body.has("allowed_models") ? patterns(body, "allowed_models") : current.allowedModels();
        List<String> denied = body.has("denied_models") ? patterns(body, "denied_models") : current.deniedModels();
        ObjectNode routing = body.has("routing") ? routing(body) : current.routing();
        return new KeyLimits(budget, period, rpm, tpm, allowed, denied, routing);
    }

    private static BigDecimal budget(ObjectNode body) {
        JsonNode value = optional(body, "budget_usd");
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw invalidType("budget_usd", "a number", value);
        }
        if (value.decimalValue().signum() <= 0) {
            throw GatewayException.invalidParam("budget_usd", "invalid_value",
                    "Invalid 'budget_usd': " + value + ". Expected a positive amount of US dollars.");
        }
        return value.decimalValue();
    }

    private static List<String> patterns(ObjectNode body, String field) {
        JsonNode value = optional(body, field);
        if (value == null) {
            return List.of();
        }
        array(value, field);
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            patterns.add(nonEmptyString(value.get(i), field + "[" + i + "]").strip());
        }
        return patterns;
    }

    private static ObjectNode routing(ObjectNode body) {
        JsonNode value = optional(body, "routing");
        if (value == null) {
            return null;
        }
        object(value, "routing");
        value.fieldNames().forEachRemaining(field -> {
            if (!ROUTING_FIELDS.contains(field)) {
                throw unknown("routing." + field);
            }
        });
        optionalEnum(value, "profile", "routing.profile", Set.of("balanced", "eco", "frontier"));
        JsonNode price = optional(value, "max_price");
        if (price != null && (!price.isNumber() || price.asDouble() <= 0)) {
            throw GatewayException.invalidParam("routing.max_price", "invalid_value",
                    "Invalid 'routing.max_price': expected a positive number of US dollars per million tokens.");
        }
        JsonNode tradeoff = optional(value, "cost_quality_tradeoff");
        if (tradeoff != null && (!tradeoff.isNumber() || tradeoff.asDouble() < 0 || tradeoff.asDouble() > 10)) {
            throw GatewayException.invalidParam("routing.cost_quality_tradeoff", "invalid_value",
                    "Invalid 'routing.cost_quality_tradeoff': " + tradeoff + ". Expected a number from 0 to 10.");
        }
        for (String list : List.of("models", "exclude")) {
            JsonNode items = optional(value, list);
            if (items != null) {
                array(items, "routing." + list);
                for (int i = 0; i < items.size(); i++) {
                    nonEmptyString(items.get(i), "routing." + list + "[" + i + "]");
                }
            }
        }
        return (ObjectNode) value;
    }

    private static void checkFields(ObjectNode body, boolean create) {
        body.fieldNames().forEachRemaining(field -> {
            boolean known = LIMIT_FIELDS.contains(field) || "name".equals(field) || (create && "role".equals(field));
            if (!known) {
                throw unknown(field);
            }
        });
    }

    private static String name(JsonNode value) {
        String name = nonEmptyString(value, "name").strip();
        if (name.length() > 200) {
            throw GatewayException.invalidParam("name", "invalid_value",
                    "Invalid 'name': longer than 200 characters.");
        }
        return name;
    }

    private static Integer intOrNull(Long value) {
        return value == null ? null : value.intValue();
    }

    private static GatewayException unknown(String field) {
        return GatewayException.invalidParam(field, "unknown_parameter", "Unrecognized request argument supplied: "
                + field + ".");
    }
}
