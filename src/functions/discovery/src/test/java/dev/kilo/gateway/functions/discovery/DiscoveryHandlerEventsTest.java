package dev.kilo.gateway.functions.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the handler logs about the event that invoked it (pure, no Quarkus). */
class DiscoveryHandlerEventsTest {

    @Test
    void namesAScheduledEventWithItsRuleAndTime() {
        String described = DiscoveryHandler.describe(Map.of("source", "aws.events", "detail-type", "Scheduled Event",
                "time", "2026-11-03T14:00:00Z",
                "resources", List.of("arn:aws:events:us-east-1:123456789012:rule/kilo-gateway-discovery-hourly"),
                "detail", Map.of()));

        assertTrue(described.startsWith("a scheduled event from aws.events at 2026-11-03T14:00:00Z"), described);
        assertTrue(described.contains("rule/kilo-gateway-discovery-hourly"), described);
    }

    @Test
    void namesTheSchedulersEventWithItsSchedule() {
        String described = DiscoveryHandler.describe(Map.of("source", "aws.scheduler", "detail-type", "Scheduled Event",
                "time", "2026-11-24T07:00:00Z",
                "resources", List.of("arn:aws:scheduler:eu-central-1:123456789012:schedule/default/kilo-gateway-discovery"),
                "id", "0b5c2c62-7f11-4d53-9a34-2f4c8e6d1a90", "detail", Map.of()));

        assertTrue(described.startsWith("a scheduled event from aws.scheduler at 2026-11-24T07:00:00Z"), described);
        assertTrue(described.contains("schedule/default/kilo-gateway-discovery"), described);
    }

    @Test
    void anEmptyOrMissingEventIsAManualInvoke() {
        assertEquals("a manual invoke", DiscoveryHandler.describe(Map.of()));
        assertEquals("a manual invoke", DiscoveryHandler.describe(null));
    }

    @Test
    void anUnknownEventIsNamedByItsFieldsOnly() {
        String described = DiscoveryHandler.describe(Map.of("token", "secret-value"));

        assertTrue(described.contains("token"), described);
        assertFalse(described.contains("secret-value"), described);
    }
}
