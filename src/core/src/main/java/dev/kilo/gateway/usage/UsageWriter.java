package dev.kilo.gateway.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.store.UsageStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes usage records off the response path: {@link #submit} returns at once, and a few writer threads take what
 * has queued up (waiting up to {@code gateway.usage.batch-linger} for more), up to {@link UsageStore#MAX_BATCH}
 * records per DynamoDB transaction, so under load many requests
 * share one write. A failed batch is retried with backoff; a batch that still cannot be written after
 * {@code gateway.usage.write-attempts} is logged in full at ERROR so it can be replayed: nothing is dropped
 * silently. {@link #drain} waits for what is pending: the Lambda runtime loop calls it after each answer, before
 * the environment can be frozen, and shutdown calls it too.
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
    private final long lingerNanos;
    private final int maxPending;
    private final AtomicInteger draining = new AtomicInteger();
    private final BlockingQueue<UsageStore.Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final InFlight pending = new InFlight();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopping;

    public UsageWriter(UsageStore store, ObjectMapper mapper, GatewayConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.retention = config.usage().retention();
        this.attempts = Math.max(1, config.usage().writeAttempts());
        this.lingerNanos = config.usage().batchLinger().toNanos();
        this.maxPending = Math.max(1, config.usage().maxPending());
        for (int i = 0; i < Math.max(1, config.usage().writerThreads()); i++) {
            Thread thread = new Thread(this::writeLoop, "usage-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            writers.add(thread);
        }
    }

    /** Queues the record and its settlement; never blocks the caller. */
    public void submit(UsageRecord record, Settlement settlement) {
        pending.started();
        queue.add(new UsageStore.Pending(record, settlement, record.createdAt().plus(retention)));
    }

    /** True when {@code gateway.usage.max-pending} records wait: new requests are refused until it drops. */
    public boolean backlogFull() {
        return pending.count() >= maxPending;
    }

    /** Waits until every submitted record is written or given up, at most {@code timeout}; true when idle. */
    public boolean drain(Duration timeout) {
        draining.incrementAndGet();
        try {
            return pending.awaitNone(timeout);
        } finally {
            draining.decrementAndGet();
        }
    }

    /** Records written and given up since start (each given-up record is also logged at ERROR), and batches. */
    public Map<String, Long> stats() {
        return Map.of("written", written.get(), "failed", failed.get(), "batches", batches.get(),
                "pending", (long) pending.count());
    }

    @PreDestroy
    void shutdown() {
        if (!drain(Duration.ofSeconds(10))) {
            LOG.errorf("Shutting down with %d usage records still unwritten", pending.count());
        }
        stopping = true;
        writers.forEach(Thread::interrupt);
    }

    private void writeLoop() {
        while (!stopping) {
            List<UsageStore.Pending> batch = new ArrayList<>(UsageStore.MAX_BATCH);
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            try {
                fill(batch);
            } catch (InterruptedException e) {
                stopping = true;
            }
            write(batch);
            pending.finished(batch.size());
        }
    }

    /** Adds what is queued, lingering for more while the batch is not full, unless someone is draining. */
    private void fill(List<UsageStore.Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < UsageStore.MAX_BATCH) {
            queue.drainTo(batch, UsageStore.MAX_BATCH - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= UsageStore.MAX_BATCH || left <= 0 || draining.get() > 0 || stopping) {
                return;
            }
            UsageStore.Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void write(List<UsageStore.Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.write(batch);
                written.addAndGet(batch.size());
                batches.incrementAndGet();
                return;
            } catch (RuntimeException e) {
                if (attempt >= attempts || stopping) {
                    failed.addAndGet(batch.size());
                    for (UsageStore.Pending lost : batch) {
                        LOG.errorf("Usage record %s not written after %d attempts (%s); record: %s settlement: %s",
                                lost.record().requestId(), attempt, e.getClass().getSimpleName(),
                                json(lost.record()), json(lost.settlement()));
                    }
                    return;
                }
                long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt - 1, 16));
                LOG.warnf("Usage batch of %d (first %s): write attempt %d failed (%s), retrying in %d ms",
                        batch.size(), batch.get(0).record().requestId(), attempt, e.getClass().getSimpleName(),
                        backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
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
