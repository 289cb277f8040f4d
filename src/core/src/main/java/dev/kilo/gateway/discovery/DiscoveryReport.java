package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What one refresh did, per provider: logged, stored with the catalog version, and returned by the discovery
 * function. Errors are our own codes and messages, which never carry provider keys.
 *
 * @param catalogVersion the version after the refresh
 * @param changed whether the listed catalog changed (and so the version)
 * @param writes DynamoDB item writes made (unchanged models cost none)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DiscoveryReport(String startedAt, long durationMs, long catalogVersion, boolean changed, int writes,
        int gone, int failedProviders, String registryVersion, List<ProviderReport> providers) {

    /**
     * @param status {@code ok} or {@code failed}
     * @param models models the provider has in the catalog after the refresh (for a failed one: those kept)
     * @param error for a failed provider, our error code and message
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProviderReport(String provider, String status, int models, int written, int gone,
            String errorCode, String error) {

        public static final String OK = "ok";
        public static final String FAILED = "failed";
    }
}
