package dev.kilo.gateway.store;

import dev.kilo.gateway.usage.DailyUsage;
import dev.kilo.gateway.usage.Settlement;
import dev.kilo.gateway.usage.UsageRecord;
import dev.kilo.gateway.usage.UsageTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The usage table: one record per request and daily totals per key and model. A record, its daily totals and the
 * settlement of its reservations are written in one transaction whose client token is the request id, so a retry
 * after a lost answer neither loses nor double-counts a request: DynamoDB answers a repeated token without applying
 * it again (for ten minutes), and the record's "not yet written" condition covers later retries.
 */
@ApplicationScoped
public class UsageStore {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String RECORD = "record";

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final CounterStore counters;

    public UsageStore(DynamoDbClient dynamo, Tables tables, CounterStore counters) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.counters = counters;
    }

    /** Writes the record, adds it to the daily totals and settles its reservations, all or nothing, once. */
    public void write(UsageRecord record, Settlement settlement, Instant expiresAt) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.usage())
                .item(UsageItems.record(record, expiresAt))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        items.add(TransactWriteItem.builder().update(daily(record, expiresAt)).build());
        if (record.keyId() != null && settlement.spendWindow() != null && settlement.spendDelta().signum() != 0) {
            items.add(TransactWriteItem.builder()
                    .update(counters.settleSpend(record.keyId(), settlement.spendWindow(), settlement.spendDelta()))
                    .build());
        }
        if (record.keyId() != null && settlement.rateMinute() != null && settlement.tokenDelta() != 0) {
            items.add(TransactWriteItem.builder()
                    .update(counters.settleTokens(record.keyId(), settlement.rateMinute(), settlement.tokenDelta()))
                    .build());
        }
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items)
                    .clientRequestToken(record.requestId()).build());
        } catch (TransactionCanceledException e) {
            if (alreadyWritten(e)) {
                return;
            }
            throw e;
        }
    }

    /** The record of this request, read consistently. */
    public Optional<UsageRecord> find(String requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.usage())
                .key(Map.of(PK, s("req#" + requestId), SK, s(RECORD))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(UsageItems.record(item));
    }

    /** A key's daily totals from {@code from} to {@code to} (inclusive, UTC days), by day then model. */
    public List<DailyUsage> daily(String keyId, LocalDate from, LocalDate to) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(tables.usage())
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", s("key#" + keyId),
                                ":from", s("day#" + from + "#"), ":to", s("day#" + to + "#\uffff")))
                        .build())
                .items().stream().map(UsageItems::daily).toList();
    }

    private Update daily(UsageRecord record, Instant expiresAt) {
        LocalDate day = LocalDate.ofInstant(record.createdAt(), ZoneOffset.UTC);
        String model = record.model() == null ? record.requestedModel() : record.model();
        Map<String, AttributeValue> values = new HashMap<>();
        UsageTokens tokens = record.tokens();
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":prompt", AttributeValue.fromN(Long.toString(tokens.promptTokens())));
        values.put(":completion", AttributeValue.fromN(Long.toString(tokens.completionTokens())));
        values.put(":model", s(model));
        values.put(":day", s(day.toString()));
        values.put(":exp", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        String add = "ADD requests :one, prompt_tokens :prompt, completion_tokens :completion";
        if (record.cost() != null) {
            values.put(":cost", AttributeValue.fromN(record.cost().toPlainString()));
            add += ", cost :cost";
        } else if (record.costUnknown() != null) {
            add += ", unpriced_requests :one";
        }
        return Update.builder().tableName(tables.usage())
                .key(Map.of(PK, s("key#" + (record.keyId() == null ? "-" : record.keyId())),
                        SK, s("day#" + day + "#" + model)))
                .updateExpression(add + " SET model = :model, #day = :day, expires_at = :exp")
                .expressionAttributeNames(Map.of("#day", "day"))
                .expressionAttributeValues(values).build();
    }

    private static boolean alreadyWritten(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** Cost totals are decimals; a missing attribute is zero. */
    static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }
}
