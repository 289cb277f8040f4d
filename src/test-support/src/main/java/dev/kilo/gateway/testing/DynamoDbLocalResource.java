package dev.kilo.gateway.testing;

import dev.kilo.gateway.dynamodblocal.DynamoDbLocal;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * A real DynamoDB (DynamoDB Local, in memory) for {@code @QuarkusTest}s. One server per test JVM, shared by every
 * test class, started on first use and stopped when the JVM exits: starting one takes seconds.
 */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    private static DynamoDbLocal server;

    static synchronized DynamoDbLocal server() {
        if (server == null) {
            try {
                server = DynamoDbLocal.start(DynamoDbLocal.freePort(), null, Duration.ofSeconds(90));
            } catch (IOException e) {
                throw new UncheckedIOException("DynamoDB Local did not start", e);
            }
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.dynamodb.endpoint-override", server().endpoint(),
                "quarkus.dynamodb.aws.region", "us-east-1",
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test",
                "gateway.dynamodb.create-tables", "true");
    }

    @Override
    public void stop() {
        // Kept for the next test class; the JVM shutdown hook stops it.
    }
}
