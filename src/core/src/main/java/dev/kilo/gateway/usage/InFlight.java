package dev.kilo.gateway.usage;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A count of writes started and not yet finished, that a caller can wait to reach zero: what the Lambda runtime
 * loop waits for after each answer (usage records, route records), since Lambda may freeze the environment once
 * the next event is asked for.
 */
public final class InFlight {

    private final AtomicInteger count = new AtomicInteger();
    private final Object idle = new Object();

    public void started() {
        count.incrementAndGet();
    }

    public void finished(int writes) {
        if (count.addAndGet(-writes) == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    public int count() {
        return count.get();
    }

    /** Waits until none is in flight, at most {@code timeout}; true when none is left. */
    public boolean awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (count.get() > 0) {
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
}
