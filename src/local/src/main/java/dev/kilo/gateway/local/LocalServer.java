package dev.kilo.gateway.local;

import dev.kilo.gateway.dynamodblocal.DynamoDbLocal;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * {@code make run}: the whole gateway as one process on http://localhost:8080 ({@code PORT} to change it), over an
 * embedded DynamoDB Local that keeps its data in {@code .data/dynamodb}. Setting {@code DYNAMODB_ENDPOINT} uses
 * that DynamoDB instead and starts nothing.
 */
@QuarkusMain
public class LocalServer {

    public static void main(String... args) throws Exception {
        if (System.getenv("DYNAMODB_ENDPOINT") == null) {
            int port = Integer.parseInt(System.getenv().getOrDefault("DYNAMODB_LOCAL_PORT", "8000"));
            Path data = Path.of(System.getenv().getOrDefault("DYNAMODB_LOCAL_DATA", ".data/dynamodb"));
            DynamoDbLocal.ensureRunning(port, data);
        }
        Quarkus.run(args);
    }
}
