package dev.kilo.gateway.store;

import dev.kilo.gateway.usage.DailyUsage;
import dev.kilo.gateway.usage.UsageRecord;
import dev.kilo.gateway.usage.UsageTokens;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Usage records and daily totals to and from DynamoDB attributes (plain attributes, readable in the console). */
final class UsageItems {

    private UsageItems() {
    }

    static Map<String, AttributeValue> record(UsageRecord r, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(UsageStore.PK, s("req#" + r.requestId()));
        item.put(UsageStore.SK, s(UsageStore.attemptKey(r)));
        item.put("request_id", s(r.requestId()));
        put(item, "key_id", r.keyId());
        item.put("created_at", s(r.createdAt().toString()));
        item.put("endpoint", s(r.endpoint()));
        put(item, "requested_model", r.requestedModel());
        put(item, "model", r.model());
        put(item, "provider", r.provider());
        item.put("streamed", AttributeValue.fromBool(r.streamed()));
        item.put("status", n(r.status()));
        put(item, "error_code", r.errorCode());
        UsageTokens t = r.tokens();
        item.put("prompt_tokens", n(t.promptTokens()));
        item.put("completion_tokens", n(t.completionTokens()));
        // Counts most requests do not have are left out when zero (read back as 0): every attribute is marshalled,
        // signed and stored once per request.
        count(item, "cached_tokens", t.cachedTokens());
        count(item, "cache_write_tokens", t.cacheWriteTokens());
        count(item, "reasoning_tokens", t.reasoningTokens());
        if (r.cost() != null) {
            item.put("cost", AttributeValue.fromN(r.cost().toPlainString()));
        }
        put(item, "cost_unknown", r.costUnknown());
        item.put("latency_ms", n(r.latencyMs()));
        if (r.firstTokenMs() != null) {
            item.put("first_token_ms", n(r.firstTokenMs()));
        }
        put(item, "finish_reason", r.finishReason());
        put(item, "route", r.route());
        if (!r.fallbacks().isEmpty()) {
            item.put("fallbacks", AttributeValue.fromL(r.fallbacks().stream().map(UsageItems::s).toList()));
        }
        put(item, "session", r.session());
        put(item, "mode", r.mode());
        item.put("expires_at", n(expiresAt.getEpochSecond()));
        return item;
    }

    static UsageRecord record(Map<String, AttributeValue> item) {
        UsageTokens tokens = new UsageTokens(number(item, "prompt_tokens"), number(item, "completion_tokens"),
                number(item, "cached_tokens"), number(item, "cache_write_tokens"), number(item, "reasoning_tokens"));
        AttributeValue cost = item.get("cost");
        AttributeValue firstToken = item.get("first_token_ms");
        AttributeValue fallbacks = item.get("fallbacks");
        return new UsageRecord(text(item, "request_id"), text(item, "key_id"),
                Instant.parse(text(item, "created_at")), text(item, "endpoint"), text(item, "requested_model"),
                text(item, "model"), text(item, "provider"), Boolean.TRUE.equals(item.get("streamed").bool()),
                (int) number(item, "status"), text(item, "error_code"), tokens,
                cost == null ? null : new BigDecimal(cost.n()), text(item, "cost_unknown"),
                number(item, "latency_ms"), firstToken == null ? null : Long.parseLong(firstToken.n()),
                text(item, "finish_reason"), text(item, "route"),
                fallbacks == null ? List.of() : fallbacks.l().stream().map(AttributeValue::s).toList(),
                text(item, "session"), text(item, "mode"));
    }

    static DailyUsage daily(Map<String, AttributeValue> item) {
        return new DailyUsage(text(item, "day"), text(item, "model"), number(item, "requests"),
                number(item, "prompt_tokens"), number(item, "completion_tokens"), CounterStore.decimal(item, "cost"),
                number(item, "unpriced_requests"));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static void count(Map<String, AttributeValue> item, String name, long value) {
        if (value != 0) {
            item.put(name, n(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
