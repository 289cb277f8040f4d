package dev.kilo.gateway.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits for a stream's first item before committing to it. Until the upstream has produced something, a failure
 * can still be answered with a real HTTP status (429, 502, ...); after that, only in-band. The stream is
 * subscribed once: the first item and everything after it are replayed to the returned stream without buffering
 * beyond what the client has not read yet.
 */
final class StreamStart {

    private StreamStart() {
    }

    static <T> Uni<Multi<T>> afterFirstItem(Multi<T> source) {
        return Uni.createFrom().emitter(emitter -> {
            UnicastProcessor<T> rest = UnicastProcessor.create();
            AtomicBoolean started = new AtomicBoolean();
            AtomicReference<Cancellable> upstream = new AtomicReference<>();
            Cancellable subscription = source.subscribe().with(
                    item -> {
                        rest.onNext(item);
                        if (started.compareAndSet(false, true)) {
                            emitter.complete(rest.onCancellation().invoke(() -> cancel(upstream)));
                        }
                    },
                    failure -> {
                        if (started.compareAndSet(false, true)) {
                            emitter.fail(failure);
                        } else {
                            rest.onError(failure);
                        }
                    },
                    () -> {
                        rest.onComplete();
                        if (started.compareAndSet(false, true)) {
                            emitter.complete(rest);
                        }
                    });
            upstream.set(subscription);
            emitter.onTermination(() -> {
                if (!started.get()) {
                    cancel(upstream);
                }
            });
        });
    }

    private static void cancel(AtomicReference<Cancellable> upstream) {
        Cancellable cancellable = upstream.get();
        if (cancellable != null) {
            cancellable.cancel();
        }
    }
}
