package dev.kilo.gateway.service;

import dev.kilo.gateway.usage.InFlight;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Small writes made off the response path (route decision records, session pins) on the worker pool, counted so
 * that they can be waited for: the Lambda runtime loop drains them after each answer, as it drains usage records,
 * because Lambda may freeze the environment as soon as the next event is asked for.
 */
@ApplicationScoped
public class BackgroundWrites {

    private final InFlight pending = new InFlight();

    /** Runs the write on a worker thread; the caller never waits. The task logs its own failures. */
    public void run(Runnable write) {
        pending.started();
        try {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    write.run();
                } finally {
                    pending.finished(1);
                }
            });
        } catch (RuntimeException rejected) {
            pending.finished(1);
            throw rejected;
        }
    }

    /** Waits until every write started so far has finished, at most {@code timeout}; true when none is left. */
    public boolean drain(Duration timeout) {
        return pending.awaitNone(timeout);
    }
}
