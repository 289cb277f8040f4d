package dev.kilo.gateway.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.store.UsageStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes usage records off the response path: {@link #submit} returns at once and a small pool writes, retrying with
 * backoff. A record that still cannot be written after {@code gateway.usage.write-attempts} is logged in full at
 * ERROR, so it can be replayed; nothing is dropped silently. {@link #drain} waits for what is pending: the Lambda
 * runtime loop calls it after each answer, before the environment can be frozen, and shutdown calls it too.
 */
@ApplicationScoped
public class UsageWriter {

    private static final Logger LOG = Logger.getLogger(UsageWriter.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final UsageStore store;
    private final ObjectMapper mapper;
    private final Duration retention;
    private final int attempts;
    private final ScheduledExecutorService pool;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Object idle = new Object();

    public UsageWriter(UsageStore store, ObjectMapper mapper, GatewayConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.retention = config.usage().retention();
        this.attempts = Math.max(1, config.usage().writeAttempts());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(config.usage().writerThreads(),
                runnable -> {
                    Thread thread = new Thread(runnable, "usage-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.setRemoveOnCancelPolicy(true);
        this.pool = executor;
    }

    /** Queues the record and its settlement; never blocks the caller. */
    public void submit(UsageRecord record, Settlement settlement) {
        pending.incrementAndGet();
        pool.execute(() -> attempt(record, settlement, 1));
    }

    /** Waits until every submitted record is written or given up, at most {@code timeout}; true when idle. */
    public boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Records written since start, and records given up (each also logged at ERROR). */
    public Map<String, Long> stats() {
        return Map.of("written", written.get(), "failed", failed.get(), "pending", (long) pending.get());
    }

    @PreDestroy
    void shutdown() {
        if (!drain(Duration.ofSeconds(10))) {
            LOG.errorf("Shutting down with %d usage records still unwritten", pending.get());
        }
        pool.shutdownNow();
    }

    private void attempt(UsageRecord record, Settlement settlement, int attempt) {
        try {
            store.write(record, settlement, record.createdAt().plus(retention));
            written.incrementAndGet();
            done();
        } catch (RuntimeException e) {
            if (attempt >= attempts) {
                failed.incrementAndGet();
                LOG.errorf("Usage record %s not written after %d attempts (%s); record: %s settlement: %s",
                        record.requestId(), attempt, e.getClass().getSimpleName(), json(record), json(settlement));
                done();
                return;
            }
            long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt - 1, 16));
            LOG.warnf("Usage record %s: write attempt %d failed (%s), retrying in %d ms", record.requestId(),
                    attempt, e.getClass().getSimpleName(), backoff);
            pool.schedule(() -> attempt(record, settlement, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        }
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
