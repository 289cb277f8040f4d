package dev.kilo.gateway.service;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small writes made off the response path (route decision records, session pins) on the worker pool, counted so
 * that they can be waited for: the Lambda runtime loop drains them after each answer, as it drains usage records,
 * because Lambda may freeze the environment as soon as the next event is asked for.
 */
@ApplicationScoped
public class BackgroundWrites {

    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();

    /** Runs the write on a worker thread; the caller never waits. The task logs its own failures. */
    public void run(Runnable write) {
        pending.incrementAndGet();
        try {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    write.run();
                } finally {
                    done();
                }
            });
        } catch (RuntimeException rejected) {
            done();
            throw rejected;
        }
    }

    /** Waits until every write started so far has finished, at most {@code timeout}; true when none is left. */
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

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }
}
