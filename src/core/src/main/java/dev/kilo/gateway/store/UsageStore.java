package dev.kilo.gateway.store;

import dev.kilo.gateway.usage.DailyUsage;
import dev.kilo.gateway.usage.Settlement;
import dev.kilo.gateway.usage.UsageRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The usage table: one record per request (per attempt when a routed request fell back) and daily totals per key
 * and model. Records, their daily totals and the settlement of their reservations are written in one transaction
 * whose client token is derived from the first record's request id and attempt, so a retry after a lost answer
 * neither loses nor double-counts a request: DynamoDB answers a repeated token without applying it again (for ten
 * minutes), and the records' "not yet written" condition covers later retries.
 */
@ApplicationScoped
public class UsageStore {

    static final String PK = "pk";
    static final String SK = "sk";
    /**
     * Sort key prefix of a request's records: one per attempt, since a routed request that falls back meters each
     * model it tried ({@code attempt#00}, {@code attempt#01}, ...); the last one is the request's outcome.
     */
    static final String ATTEMPT = "attempt#";

    static String attemptKey(UsageRecord record) {
        return ATTEMPT + String.format("%02d", record.fallbacks().size());
    }

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final CounterStore counters;

    public UsageStore(DynamoDbClient dynamo, Tables tables, CounterStore counters) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.counters = counters;
    }

    /** A record to write, with the settlement of its reservations and when it expires. */
    public record Pending(UsageRecord record, Settlement settlement, Instant expiresAt) {
    }

    /** Most records in one transaction: each needs up to four of DynamoDB's 100 items per transaction. */
    public static final int MAX_BATCH = 25;

    /** Writes the record, adds it to the daily totals and settles its reservations, all or nothing, once. */
    public void write(UsageRecord record, Settlement settlement, Instant expiresAt) {
        write(List.of(new Pending(record, settlement, expiresAt)));
    }

    /**
     * Writes up to {@link #MAX_BATCH} records in one transaction: their puts, their daily totals summed per key, day
     * and model, and their settlements summed per counter (one transaction may not touch an item twice). The
     * client token comes from the first record (request id and attempt), so the same batch retried is applied once.
     */
    public void write(List<Pending> batch) {
        if (batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("A usage batch holds 1 to " + MAX_BATCH + " records");
        }
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, DailyTotals> daily = new LinkedHashMap<>();
        Map<String, BigDecimal> spend = new LinkedHashMap<>();
        Map<String, Long> tokens = new LinkedHashMap<>();
        for (Pending pending : batch) {
            UsageRecord record = pending.record();
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.usage())
                    .item(UsageItems.record(record, pending.expiresAt()))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            DailyTotals totals = DailyTotals.of(record, pending.expiresAt());
            daily.merge(totals.id(), totals, DailyTotals::plus);
            Settlement settlement = pending.settlement();
            if (record.keyId() != null && settlement.spendWindow() != null) {
                spend.merge(record.keyId() + "\n" + settlement.spendWindow(), settlement.spendDelta(),
                        BigDecimal::add);
            }
            if (record.keyId() != null && settlement.rateMinute() != null) {
                tokens.merge(record.keyId() + "\n" + settlement.rateMinute(), settlement.tokenDelta(), Long::sum);
            }
        }
        daily.values().forEach(totals -> items.add(TransactWriteItem.builder()
                .update(totals.update(tables.usage())).build()));
        spend.forEach((id, delta) -> {
            if (delta.signum() != 0) {
                String[] parts = id.split("\n", 2);
                items.add(TransactWriteItem.builder().update(counters.settleSpend(parts[0], parts[1], delta)).build());
            }
        });
        tokens.forEach((id, delta) -> {
            if (delta != 0) {
                String[] parts = id.split("\n", 2);
                items.add(TransactWriteItem.builder().update(counters.settleTokens(parts[0], parts[1], delta))
                        .build());
            }
        });
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items)
                    .clientRequestToken(token(batch.get(0).record())).build());
        } catch (TransactionCanceledException e) {
            if (alreadyWritten(e)) {
                return;
            }
            throw e;
        }
    }

    /** The record of this request (of its last attempt when it fell back), read consistently. */
    public Optional<UsageRecord> find(String requestId) {
        List<Map<String, AttributeValue>> items = dynamo.query(QueryRequest.builder().tableName(tables.usage())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :attempt)")
                .expressionAttributeValues(Map.of(":pk", s("req#" + requestId), ":attempt", s(ATTEMPT)))
                .scanIndexForward(false).limit(1).consistentRead(true).build()).items();
        return items.isEmpty() ? Optional.empty() : Optional.of(UsageItems.record(items.get(0)));
    }

    /** A client token unique to one attempt of one request (at most 36 characters, as DynamoDB requires). */
    private static String token(UsageRecord record) {
        return UUID.nameUUIDFromBytes((record.requestId() + "#" + attemptKey(record))
                .getBytes(StandardCharsets.UTF_8)).toString();
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

    /** Only record puts carry a condition: one failing means this (atomic) batch was written before. */
    private static boolean alreadyWritten(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
