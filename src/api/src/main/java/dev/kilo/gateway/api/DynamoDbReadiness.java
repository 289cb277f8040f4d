package dev.kilo.gateway.api;

import dev.kilo.gateway.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready means DynamoDB answers and holds our tables: without it no key can be verified. */
@Readiness
@ApplicationScoped
public class DynamoDbReadiness implements HealthCheck {

    private final Tables tables;

    public DynamoDbReadiness(Tables tables) {
        this.tables = tables;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("dynamodb").status(tables.reachable()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("dynamodb").down()
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
