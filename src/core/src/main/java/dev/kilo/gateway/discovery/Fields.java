package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.provider.UpstreamErrors;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient readers for the fields of model lists. A field of the wrong type or out of range reads as unknown (null)
 * rather than failing the whole list: one odd entry must not hide a provider's other models.
 */
final class Fields {

    private static final BigDecimal PER_MILLION = BigDecimal.valueOf(1_000_000);

    private Fields() {
    }

    /** The list bodies' {@code data} array (or the body itself, for APIs that answer a bare array). */
    static JsonNode entries(String provider, JsonNode body, boolean bareArrayAllowed) {
        JsonNode entries = body == null ? null : bareArrayAllowed && body.isArray() ? body : body.path("data");
        if (entries == null || !entries.isArray()) {
            throw UpstreamErrors.invalidResponse(provider);
        }
        return entries;
    }

    /** One model per entry that has an {@code id}; entries without one are skipped. */
    static List<DiscoveredModel> models(String provider, JsonNode entries,
            java.util.function.BiFunction<String, JsonNode, DiscoveredModel> model) {
        List<DiscoveredModel> models = new java.util.ArrayList<>();
        for (JsonNode entry : entries) {
            String id = text(entry, "id");
            if (id != null) {
                models.add(model.apply(id, entry));
            }
        }
        return models;
    }

    /** Non-blank text, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** A positive whole number that fits an int, or null. */
    static Integer positiveInt(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            return null;
        }
        return value.asInt();
    }

    /** The first of {@code fields} holding a positive whole number, or null. */
    static Integer firstPositiveInt(JsonNode node, String... fields) {
        for (String field : fields) {
            Integer value = positiveInt(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Epoch seconds after 1970-01-01, or null: several providers send 0 for "unknown". */
    static Long epochSeconds(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.asLong() > 0 ? value.asLong() : null;
    }

    /** An RFC 3339 time as epoch seconds, or null when absent, unreadable or at the epoch (Anthropic's "unknown"). */
    static Long rfc3339Seconds(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            long seconds = OffsetDateTime.parse(value).toEpochSecond();
            return seconds > 0 ? seconds : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The strings of an array, or null when the field is not an array. */
    static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        value.forEach(item -> {
            if (item.isTextual()) {
                strings.add(item.asText());
            }
        });
        return strings;
    }

    /** Whether {@code field} is a boolean {@code true}; null when it is not a boolean at all. */
    static Boolean flag(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? value.asBoolean() : null;
    }

    /**
     * A per-token price as OpenRouter states it (a decimal string): kept as written when it is a non-negative
     * number, so {@code "0"} stays a real free price. A negative price ({@code "-1"}, OpenRouter's router models)
     * means "varies with the model picked", which is unknown here.
     */
    static String perTokenPrice(JsonNode node, String field) {
        JsonNode value = node.path(field);
        BigDecimal price;
        if (value.isNumber()) {
            price = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                price = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        if (price.signum() < 0) {
            return null;
        }
        // As written ("0" stays "0"), unless written with an exponent, which the catalog's readers may not parse.
        String text = value.asText().trim();
        boolean plain = value.isTextual() && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        return plain ? text : price.stripTrailingZeros().toPlainString();
    }

    /**
     * A price in USD per million tokens (Together's unit) as a per-token decimal string. Zero is unknown, not free:
     * Together reports 0 for whatever a model is not billed by tokens for (image models, dedicated-only models, the
     * output of embedding models).
     */
    static String perMillionPrice(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isNumber() || value.decimalValue().signum() <= 0) {
            return null;
        }
        return value.decimalValue().divide(PER_MILLION).stripTrailingZeros().toPlainString();
    }
}
