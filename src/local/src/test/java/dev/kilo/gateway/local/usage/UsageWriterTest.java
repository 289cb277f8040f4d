package dev.kilo.gateway.local.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.service.Metering;
import dev.kilo.gateway.store.CounterStore;
import dev.kilo.gateway.store.Tables;
import dev.kilo.gateway.store.UsageStore;
import dev.kilo.gateway.usage.DailyUsage;
import dev.kilo.gateway.usage.LimitGuard;
import dev.kilo.gateway.usage.Settlement;
import dev.kilo.gateway.usage.UsageRecord;
import dev.kilo.gateway.usage.UsageTokens;
import dev.kilo.gateway.usage.UsageWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * Queued usage records share transactions; writes that fail are retried until they land, and a retry after a
 * write whose answer was lost does not count the request twice. Faults are injected between the writer and
 * DynamoDB Local.
 */
@QuarkusTest
class UsageWriterTest {

    private static final java.util.concurrent.atomic.AtomicLong SEQ = new java.util.concurrent.atomic.AtomicLong();

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    @Inject
    CounterStore counters;

    @Inject
    UsageStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    GatewayConfig config;

    @Inject
    ModelCatalog catalog;

    @Inject
    LimitGuard guard;

    /** Fails the first transaction: before it reaches DynamoDB, or after it was applied (the answer is lost). */
    static DynamoDbClient failingOnce(DynamoDbClient real, boolean afterApplying) {
        AtomicInteger calls = new AtomicInteger();
        return transacting(real, request -> {
            if (calls.getAndIncrement() == 0) {
                if (afterApplying) {
                    real.transactWriteItems(request);
                }
                throw SdkClientException.create("injected fault: connection reset");
            }
            return real.transactWriteItems(request);
        });
    }

    /** A client whose transactions go through {@code transact}; nothing else is called by the usage store. */
    static DynamoDbClient transacting(DynamoDbClient real,
            Function<TransactWriteItemsRequest, TransactWriteItemsResponse> transact) {
        return new DynamoDbClient() {
            @Override
            public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
                return transact.apply(request);
            }

            @Override
            public String serviceName() {
                return real.serviceName();
            }

            @Override
            public void close() {
            }
        };
    }

    private UsageRecord record(String keyId) {
        String id = "req_" + Long.toHexString(System.nanoTime()) + Long.toHexString(SEQ.incrementAndGet());
        return new UsageRecord(id, keyId, Instant.now().truncatedTo(ChronoUnit.MILLIS), "chat_completions",
                "openai/gpt-5-mini", "openai/gpt-5-mini", "openai", false, 200, null,
                new UsageTokens(24, 18, 0, 0, 0), new BigDecimal("0.000042"), null, 12, null, "stop", null, List.of(), "ses_1", "code");
    }

    @Test
    void queuedRecordsShareTransactionsAndEachIsCountedOnce() {
        UsageWriter writer = new UsageWriter(store, mapper, config);
        String run = Long.toHexString(System.nanoTime());
        for (int i = 0; i < 60; i++) {
            String key = "key_batch" + run + (i % 3);
            writer.submit(record(key), new Settlement("total", new BigDecimal("0.000001"), null, 0));
        }
        assertTrue(writer.drain(Duration.ofSeconds(20)));
        assertEquals(60L, writer.stats().get("written"));
        assertTrue(writer.stats().get("batches") < 60, "batched: " + writer.stats());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int k = 0; k < 3; k++) {
            String key = "key_batch" + run + k;
            List<DailyUsage> days = store.daily(key, today.minusDays(1), today.plusDays(1));
            assertEquals(20, days.get(0).requests());
            assertEquals(20 * 24, days.get(0).promptTokens());
            assertEquals(0, new BigDecimal("0.00084").compareTo(days.get(0).cost()));
            assertEquals(0, new BigDecimal("0.00002").compareTo(counters.spent(key, "total")));
        }
    }

    @Test
    void eachAttemptOfAFallingBackRequestIsKeptAndTheLastIsItsRecord() {
        UsageWriter writer = new UsageWriter(store, mapper, config);
        UsageRecord served = record("key_attempts");
        UsageRecord failed = new UsageRecord(served.requestId(), served.keyId(), served.createdAt(),
                served.endpoint(), "kilo/auto", "openai/gpt-5", "openai", false, 502, "upstream_error",
                UsageTokens.NONE, BigDecimal.ZERO, null, 5, null, null, "debugging", List.of(), null, null);
        UsageRecord fallback = new UsageRecord(served.requestId(), served.keyId(), served.createdAt(),
                served.endpoint(), "kilo/auto", served.model(), served.provider(), false, 200, null, served.tokens(),
                served.cost(), null, 9, null, "stop", "debugging", List.of("openai/gpt-5"), null, null);
        writer.submit(failed, Settlement.NONE);
        assertTrue(writer.drain(Duration.ofSeconds(10)));
        writer.submit(fallback, Settlement.NONE);
        assertTrue(writer.drain(Duration.ofSeconds(10)));
        assertEquals(0L, writer.stats().get("failed"));
        assertEquals(fallback, store.find(served.requestId()).orElseThrow());
    }

    @Test
    void aWriteThatFailsOnceStillLands() {
        UsageWriter writer = new UsageWriter(new UsageStore(failingOnce(dynamo, false), tables, counters), mapper,
                config);
        UsageRecord record = record("key_faultA");
        writer.submit(record, Settlement.NONE);
        assertTrue(writer.drain(Duration.ofSeconds(10)));
        assertEquals(record, store.find(record.requestId()).orElseThrow());
        assertEquals(1L, writer.stats().get("written"));
        assertEquals(1L, writer.stats().get("batches"));
        assertEquals(0L, writer.stats().get("failed"));
    }

    @Test
    void aRetryAfterALostAnswerCountsTheRequestOnce() {
        UsageWriter writer = new UsageWriter(new UsageStore(failingOnce(dynamo, true), tables, counters), mapper,
                config);
        UsageRecord record = record("key_faultB");
        String window = "total";
        writer.submit(record, new Settlement(window, new BigDecimal("-0.000010"), null, 0));
        assertTrue(writer.drain(Duration.ofSeconds(10)));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<DailyUsage> days = store.daily("key_faultB", today.minusDays(1), today.plusDays(1));
        assertEquals(1, days.size());
        assertEquals(1, days.get(0).requests(), "counted once");
        assertEquals(0, new BigDecimal("-0.000010").compareTo(counters.spent("key_faultB", window)),
                "settled once");
    }

    @Test
    void aFullBacklogRefusesNewRequestsBeforeTheyGoUpstreamAndClearsWhenWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DynamoDbClient slow = transacting(dynamo, request -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return dynamo.transactWriteItems(request);
        });
        UsageWriter writer = new UsageWriter(new UsageStore(slow, tables, counters), mapper, withMaxPending(3));
        Metering metering = new Metering(catalog, guard, writer, config);
        writer.submit(record("key_backlog"), Settlement.NONE);
        writer.submit(record("key_backlog"), Settlement.NONE);
        assertFalse(writer.backlogFull());
        writer.submit(record("key_backlog"), Settlement.NONE);
        assertTrue(writer.backlogFull());

        // The check comes first, so nothing about the call is looked at (nor sent anywhere).
        GatewayException refused = assertThrows(GatewayException.class,
                () -> metering.open(null, null).await().indefinitely());
        assertEquals(503, refused.status());
        assertEquals("usage_backlog", refused.code());
        assertEquals("1", refused.headers().get("retry-after"));

        release.countDown();
        assertTrue(writer.drain(Duration.ofSeconds(20)));
        assertFalse(writer.backlogFull());
        assertEquals(3L, writer.stats().get("written"));
    }

    /** The injected configuration with another {@code gateway.usage.max-pending}. */
    private GatewayConfig withMaxPending(int max) {
        GatewayConfig.Usage usage = (GatewayConfig.Usage) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {GatewayConfig.Usage.class}, (proxy, method, args) -> method.getName()
                        .equals("maxPending") ? max : method.invoke(config.usage(), args));
        return (GatewayConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {GatewayConfig.class}, (proxy, method, args) -> method.getName().equals("usage")
                        ? usage : method.invoke(config, args));
    }
}
