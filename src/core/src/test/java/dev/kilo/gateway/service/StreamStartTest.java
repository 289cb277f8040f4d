package dev.kilo.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Committing to a stream only once its first item arrived, without subscribing to it twice. */
class StreamStartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A source whose emitter the test drives; it stays open until the test completes or fails it. */
    private static Multi<String> driven(AtomicReference<MultiEmitter<? super String>> emitter) {
        return Multi.createFrom().<String>emitter(emitter::set);
    }

    private static <T> UniAssertSubscriber<Multi<T>> start(Multi<T> source) {
        return StreamStart.afterFirstItem(source).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void uniIsPendingUntilTheFirstItem() {
        AtomicReference<MultiEmitter<? super String>> emitter = new AtomicReference<>();
        UniAssertSubscriber<Multi<String>> started = start(driven(emitter));

        started.assertSubscribed().assertNotTerminated();
        emitter.get().emit("first");
        started.awaitItem(TIMEOUT).assertCompleted();
    }

    @Test
    void returnedMultiReplaysFirstAndLaterItemsInOrder() {
        AtomicReference<MultiEmitter<? super String>> emitter = new AtomicReference<>();
        UniAssertSubscriber<Multi<String>> started = start(driven(emitter));
        emitter.get().emit("a");
        Multi<String> rest = started.awaitItem(TIMEOUT).getItem();
        emitter.get().emit("b");
        emitter.get().emit("c");
        emitter.get().complete();

        AssertSubscriber<String> items = rest.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        items.awaitCompletion(TIMEOUT).assertItems("a", "b", "c");
    }

    @Test
    void manyItemsArriveInOrder() {
        List<Integer> expected = IntStream.range(0, 500).boxed().toList();
        Multi<Integer> rest = start(Multi.createFrom().iterable(expected)).awaitItem(TIMEOUT).getItem();

        AssertSubscriber<Integer> items = rest.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        items.awaitCompletion(TIMEOUT);
        assertEquals(expected, items.getItems());
    }

    @Test
    void failureBeforeFirstItemFailsTheUni() {
        UniAssertSubscriber<Multi<String>> started = start(
                Multi.createFrom().failure(new IllegalStateException("upstream said 429")));
        started.awaitFailure(TIMEOUT).assertFailedWith(IllegalStateException.class, "upstream said 429");
    }

    @Test
    void failureAfterFirstItemFailsTheMultiAfterEarlierItems() {
        AtomicReference<MultiEmitter<? super String>> emitter = new AtomicReference<>();
        UniAssertSubscriber<Multi<String>> started = start(driven(emitter));
        emitter.get().emit("a");
        emitter.get().emit("b");
        emitter.get().fail(new IllegalStateException("mid-stream"));

        Multi<String> rest = started.awaitItem(TIMEOUT).assertCompleted().getItem();
        AssertSubscriber<String> items = rest.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        items.awaitFailure(TIMEOUT)
                .assertItems("a", "b")
                .assertFailedWith(IllegalStateException.class, "mid-stream");
    }

    @Test
    void emptySourceCompletesWithAnEmptyMulti() {
        Multi<String> rest = start(Multi.createFrom().<String>empty()).awaitItem(TIMEOUT).getItem();

        AssertSubscriber<String> items = rest.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        items.awaitCompletion(TIMEOUT).assertHasNotReceivedAnyItem();
    }

    @Test
    void sourceIsSubscribedExactlyOnce() {
        AtomicInteger subscriptions = new AtomicInteger();
        Multi<Integer> source = Multi.createFrom().items(1, 2, 3)
                .onSubscription().invoke(subscription -> subscriptions.incrementAndGet());

        Multi<Integer> rest = start(source).awaitItem(TIMEOUT).getItem();
        AssertSubscriber<Integer> items = rest.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        items.awaitCompletion(TIMEOUT).assertItems(1, 2, 3);

        assertEquals(1, subscriptions.get());
    }

    @Test
    void cancellingTheReturnedMultiCancelsTheSource() throws InterruptedException {
        AtomicReference<MultiEmitter<? super String>> emitter = new AtomicReference<>();
        CountDownLatch cancelled = new CountDownLatch(1);
        Multi<String> source = driven(emitter).onCancellation().invoke(cancelled::countDown);
        UniAssertSubscriber<Multi<String>> started = start(source);
        emitter.get().emit("a");

        AssertSubscriber<String> items = started.awaitItem(TIMEOUT).getItem()
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        items.awaitItems(1, TIMEOUT).assertItems("a");
        assertEquals(1, cancelled.getCount(), "source cancelled before the caller cancelled");

        items.cancel();
        assertTrue(cancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "source was not cancelled");
        assertTrue(emitter.get().isCancelled());
    }

    @Test
    void cancellingTheReturnedMultiStopsAnAsynchronousSource() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        Multi<Long> ticks = Multi.createFrom().ticks().every(Duration.ofMillis(5))
                .onCancellation().invoke(cancelled::countDown);
        Multi<Long> rest = start(ticks).awaitItem(TIMEOUT).getItem();

        AssertSubscriber<Long> items = rest.subscribe().withSubscriber(AssertSubscriber.create(3));
        items.awaitItems(3, TIMEOUT).assertItems(0L, 1L, 2L);
        items.cancel();

        assertTrue(cancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "ticks were not cancelled");
        assertFalse(items.getItems().size() > 3, "items delivered beyond demand: " + items.getItems());
    }

    @Test
    void cancellingTheUniBeforeTheFirstItemCancelsTheSource() throws InterruptedException {
        AtomicReference<MultiEmitter<? super String>> emitter = new AtomicReference<>();
        CountDownLatch cancelled = new CountDownLatch(1);
        UniAssertSubscriber<Multi<String>> started = start(
                driven(emitter).onCancellation().invoke(cancelled::countDown));

        started.cancel();

        assertTrue(cancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "source was not cancelled");
        assertTrue(emitter.get().isCancelled());
    }

    @Test
    void uniFailureCarriesTheOriginalException() {
        IllegalArgumentException original = new IllegalArgumentException("bad");
        UniAssertSubscriber<Multi<String>> started = start(Multi.createFrom().failure(original));
        assertInstanceOf(IllegalArgumentException.class, started.awaitFailure(TIMEOUT).getFailure());
        assertEquals(original, started.getFailure());
    }
}
