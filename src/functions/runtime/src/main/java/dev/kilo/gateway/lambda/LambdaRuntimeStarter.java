package dev.kilo.gateway.lambda;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.service.BackgroundWrites;
import dev.kilo.gateway.usage.UsageWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the streaming {@link RuntimeLoop} when the application runs inside Lambda, which is recognised by the
 * Runtime API address Lambda puts in {@code AWS_LAMBDA_RUNTIME_API}. Anywhere else (local server, tests) it does
 * nothing and the application is a plain HTTP server.
 */
@ApplicationScoped
public class LambdaRuntimeStarter {

    private static final Logger LOG = Logger.getLogger(LambdaRuntimeStarter.class);
    /** Covers the cold-start race between the first event and the HTTP server opening its port. */
    private static final Duration CONNECT_WINDOW = Duration.ofSeconds(10);
    /** Longest an invocation waits for its usage records; DynamoDB answers in milliseconds when healthy. */
    private static final Duration USAGE_DRAIN = Duration.ofSeconds(5);

    @Inject
    GatewayConfig config;

    @Inject
    Instance<LambdaEventHandler> handlers;

    @Inject
    UsageWriter usage;

    @Inject
    BackgroundWrites background;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    private volatile RuntimeLoop loop;
    private volatile Thread thread;
    private volatile boolean shuttingDown;

    void onStart(@Observes StartupEvent event) {
        Optional<String> address = config.lambda().runtimeApi().map(String::trim).filter(value -> !value.isEmpty());
        if (address.isEmpty()) {
            return;
        }
        LOG.infof("Lambda Runtime API at %s: relaying invocations to 127.0.0.1:%d", address.get(), port);
        loop = new RuntimeLoop(new RuntimeApiClient(address.get()), new LocalForwarder(port, CONNECT_WINDOW),
                handlers.stream().toList());
        loop.afterEachInvocation(() -> {
            if (!usage.drain(USAGE_DRAIN)) {
                LOG.warn("Usage records still pending after an invocation; they are written on the next one");
            }
            if (!background.drain(USAGE_DRAIN)) {
                LOG.warn("Route records or session pins still pending after an invocation");
            }
        });
        // A platform thread that keeps the JVM alive: it is the reason this process exists inside Lambda.
        thread = new Thread(this::serve, "lambda-runtime-loop");
        thread.setDaemon(false);
        thread.start();
    }

    private void serve() {
        loop.run();
        if (!shuttingDown) {
            // Without its loop the environment can never answer again; exiting makes Lambda start a fresh one.
            LOG.error("The Lambda runtime loop ended; shutting down");
            Quarkus.asyncExit(1);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        shuttingDown = true;
        if (loop != null) {
            loop.stop();
            thread.interrupt();
        }
    }
}
