package dev.kilo.gateway.store;

import dev.kilo.gateway.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Increments of one key's daily totals for one model, summed over the records of a batch. */
record DailyTotals(String keyId, LocalDate day, String model, long requests, long promptTokens,
        long completionTokens, BigDecimal cost, long unpriced, Instant expiresAt) {

    static DailyTotals of(UsageRecord record, Instant expiresAt) {
        String model = record.model() == null ? record.requestedModel() : record.model();
        boolean unpriced = record.cost() == null && record.costUnknown() != null;
        return new DailyTotals(record.keyId() == null ? "-" : record.keyId(),
                LocalDate.ofInstant(record.createdAt(), ZoneOffset.UTC), model, 1, record.tokens().promptTokens(),
                record.tokens().completionTokens(), record.cost() == null ? BigDecimal.ZERO : record.cost(),
                unpriced ? 1 : 0, expiresAt);
    }

    String id() {
        return keyId + "\n" + day + "\n" + model;
    }

    DailyTotals plus(DailyTotals other) {
        return new DailyTotals(keyId, day, model, requests + other.requests, promptTokens + other.promptTokens,
                completionTokens + other.completionTokens, cost.add(other.cost), unpriced + other.unpriced,
                expiresAt.isAfter(other.expiresAt) ? expiresAt : other.expiresAt);
    }

    Update update(String table) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":requests", n(requests));
        values.put(":prompt", n(promptTokens));
        values.put(":completion", n(completionTokens));
        values.put(":cost", AttributeValue.fromN(cost.toPlainString()));
        values.put(":unpriced", n(unpriced));
        values.put(":model", AttributeValue.fromS(model));
        values.put(":day", AttributeValue.fromS(day.toString()));
        values.put(":exp", n(expiresAt.getEpochSecond()));
        return Update.builder().tableName(table)
                .key(Map.of(UsageStore.PK, AttributeValue.fromS("key#" + keyId),
                        UsageStore.SK, AttributeValue.fromS("day#" + day + "#" + model)))
                .updateExpression("ADD requests :requests, prompt_tokens :prompt, completion_tokens :completion, "
                        + "cost :cost, unpriced_requests :unpriced SET model = :model, #day = :day, expires_at = :exp")
                .expressionAttributeNames(Map.of("#day", "day"))
                .expressionAttributeValues(values).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
