package dev.kilo.gateway.provider;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** The timeout and error mapping every upstream call goes through, whatever its protocol. */
public final class Upstream {

    private Upstream() {
    }

    /** A whole answer, due within {@code timeout}; any failure becomes our own error. */
    public static <T> Uni<T> call(String provider, Duration timeout, Uni<T> call) {
        return call.ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> UpstreamErrors.map(provider, failure));
    }

    /** A stream whose every item is due within {@code timeout} of the one before; failures become our own. */
    public static <T> Multi<T> stream(String provider, Duration timeout, Multi<T> stream) {
        return stream.ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> UpstreamErrors.map(provider, failure));
    }
}
