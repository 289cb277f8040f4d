package dev.kilo.gateway.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The counters table: per-key spend per budget window and requests and tokens per minute. Every reservation is one
 * conditional {@code UpdateItem}, so a limit holds however many instances serve the key at once: DynamoDB applies
 * the updates of one item one at a time, and each checks the limit against the value it sees.
 */
@ApplicationScoped
public class CounterStore {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String SPENT = "spent";
    static final String REQUESTS = "requests";
    static final String TOKENS = "tokens";
    static final String EXPIRES = "expires_at";

    private final DynamoDbClient dynamo;
    private final Tables tables;

    public CounterStore(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /** Counts after a granted reservation, or the counts that refused it. */
    public record Counts(boolean granted, long requests, long tokens) {
    }

    /**
     * Counts one request of {@code tokens} (estimated) in the key's minute window, unless that would pass
     * {@code rpm} requests or {@code tpm} tokens (either may be null: no such limit).
     */
    public Counts reserveRate(String keyId, String minute, Integer rpm, Long tpm, long tokens, Instant expiresAt) {
        if (tpm != null && tokens > tpm) {
            // Could never fit, and "counter <= negative" would still pass on a fresh window.
            return new Counts(false, 0, 0);
        }
        StringBuilder condition = new StringBuilder();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        values.put(":tokens", n(tokens));
        values.put(":exp", n(expiresAt.getEpochSecond()));
        if (rpm != null) {
            condition.append("(attribute_not_exists(requests) OR requests < :rpm)");
            values.put(":rpm", n(rpm));
        }
        if (tpm != null) {
            if (!condition.isEmpty()) {
                condition.append(" AND ");
            }
            condition.append("(attribute_not_exists(#tokens) OR #tokens <= :tmax)");
            values.put(":tmax", n(tpm - tokens));
        }
        UpdateItemRequest.Builder update = UpdateItemRequest.builder().tableName(tables.counters())
                .key(key(keyId, "rate#" + minute))
                .updateExpression("ADD requests :one, #tokens :tokens SET expires_at = :exp")
                .expressionAttributeNames(Map.of("#tokens", TOKENS))
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.UPDATED_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (!condition.isEmpty()) {
            update.conditionExpression(condition.toString());
        }
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(update.build()).attributes();
            return new Counts(true, number(after, REQUESTS), number(after, TOKENS));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> before = e.item() == null ? Map.of() : e.item();
            return new Counts(false, number(before, REQUESTS), number(before, TOKENS));
        }
    }

    /** Spend after a granted reservation, or the spend that refused it. */
    public record Spend(boolean granted, BigDecimal spent) {
    }

    /**
     * Adds {@code amount} to the key's spend in {@code window}, unless the spend would then pass {@code budget}.
     * DynamoDB conditions cannot add, so the check is "spent so far ≤ budget − amount".
     */
    public Spend reserveSpend(String keyId, String window, BigDecimal budget, BigDecimal amount, Instant expiresAt) {
        if (amount.compareTo(budget) > 0) {
            // Larger than the whole budget: refused without a write ("spent <= negative" passes on a fresh window).
            return new Spend(false, spent(keyId, window));
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":amount", n(amount));
        values.put(":max", n(budget.subtract(amount)));
        StringBuilder expression = new StringBuilder("ADD spent :amount");
        if (expiresAt != null) {
            expression.append(" SET expires_at = :exp");
            values.put(":exp", n(expiresAt.getEpochSecond()));
        }
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(tables.counters())
                    .key(key(keyId, "spend#" + window))
                    .updateExpression(expression.toString())
                    .conditionExpression("attribute_not_exists(spent) OR spent <= :max")
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return new Spend(true, decimal(after, SPENT));
        } catch (ConditionalCheckFailedException e) {
            return new Spend(false, decimal(e.item() == null ? Map.of() : e.item(), SPENT));
        }
    }

    /** Gives back a spend reservation whose request never went upstream. */
    public void releaseSpend(String keyId, String window, BigDecimal amount) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.counters())
                .key(key(keyId, "spend#" + window))
                .updateExpression("ADD spent :delta")
                .expressionAttributeValues(Map.of(":delta", n(amount.negate()))).build());
    }

    /** What the key has spent in {@code window} (0 when nothing yet). */
    public BigDecimal spent(String keyId, String window) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.counters())
                .key(key(keyId, "spend#" + window)).consistentRead(true).build()).item();
        return decimal(item == null ? Map.of() : item, SPENT);
    }

    /** The settlement of a spend reservation: its real cost replaces the estimate (delta may be negative). */
    Update settleSpend(String keyId, String window, BigDecimal delta) {
        return Update.builder().tableName(tables.counters()).key(key(keyId, "spend#" + window))
                .updateExpression("ADD spent :delta")
                .expressionAttributeValues(Map.of(":delta", n(delta))).build();
    }

    /** The settlement of a token reservation in a minute window. */
    Update settleTokens(String keyId, String minute, long delta) {
        return Update.builder().tableName(tables.counters()).key(key(keyId, "rate#" + minute))
                .updateExpression("ADD #tokens :delta")
                .expressionAttributeNames(Map.of("#tokens", TOKENS))
                .expressionAttributeValues(Map.of(":delta", n(delta))).build();
    }

    private static Map<String, AttributeValue> key(String keyId, String sort) {
        return Map.of(PK, AttributeValue.fromS(keyId), SK, AttributeValue.fromS(sort));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : new BigDecimal(value.n()).longValue();
    }

    /** A number attribute as a decimal (spend, costs); a missing attribute is zero. */
    static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }
}
