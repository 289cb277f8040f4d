package dev.kilo.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundWritesTest {

    @Test
    void drainWaitsForEveryStartedWriteAndGivesUpAtItsTimeout() throws Exception {
        BackgroundWrites writes = new BackgroundWrites();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            writes.run(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.incrementAndGet();
            });
        }
        assertFalse(writes.drain(Duration.ofMillis(100)), "three writes are still blocked");
        release.countDown();
        assertTrue(writes.drain(Duration.ofSeconds(5)));
        assertEquals(3, finished.get());
    }

    @Test
    void aFailingWriteStillCountsAsDone() {
        BackgroundWrites writes = new BackgroundWrites();
        writes.run(() -> {
            throw new IllegalStateException("store down");
        });
        assertTrue(writes.drain(Duration.ofSeconds(5)));
    }
}
