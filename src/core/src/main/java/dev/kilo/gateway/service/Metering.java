package dev.kilo.gateway.service;

import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.catalog.Target;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.usage.Admission;
import dev.kilo.gateway.usage.Cost;
import dev.kilo.gateway.usage.Estimate;
import dev.kilo.gateway.usage.LimitGuard;
import dev.kilo.gateway.usage.UsageWriter;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Opens a {@link Meter} for each request that goes upstream: checks the key may use the model, prices the request
 * from the catalog and reserves its estimate against the key's limits. Keys without limits cost no I/O here.
 */
@ApplicationScoped
public class Metering {

    private final ModelCatalog catalog;
    private final LimitGuard guard;
    private final UsageWriter writer;
    private final int bytesPerToken;
    private final int defaultMaxOutput;

    public Metering(ModelCatalog catalog, LimitGuard guard, UsageWriter writer, GatewayConfig config) {
        this.catalog = catalog;
        this.guard = guard;
        this.writer = writer;
        this.bytesPerToken = Math.max(1, config.usage().bytesPerToken());
        this.defaultMaxOutput = config.usage().defaultMaxOutputTokens();
    }

    /** A meter for serving {@code call} with {@code target}, once the key's limits have admitted it. */
    public Uni<Meter> open(GatewayCall call, Target target) {
        if (writer.backlogFull()) {
            // Refused before anything is spent upstream: serving it would add a record the writer cannot take.
            return Uni.createFrom().failure(new GatewayException(503, ErrorTypes.SERVER, "usage_backlog", null,
                    "The gateway is behind on writing usage records; retry shortly.", Map.of("retry-after", "1")));
        }
        ApiKey key = call.key();
        if (key != null && !key.limits().allows(target.modelId())) {
            return Uni.createFrom().failure(new GatewayException(403, ErrorTypes.PERMISSION, "model_not_allowed",
                    "model", "This key may not use the model '" + target.modelId() + "'."));
        }
        CatalogModel model = catalog.find(target.modelId()).orElse(null);
        CatalogModel.Pricing pricing = model == null ? null : model.pricing();
        String costUnknown = Cost.unknownReason(target.modelId(), pricing);
        long started = System.nanoTime();
        Instant now = Instant.now();
        if (key == null || !key.limits().metered()) {
            return Uni.createFrom().item(new Meter(writer, call, target, pricing, costUnknown, Admission.NONE,
                    now, started));
        }
        long prompt = Estimate.promptTokens(call.bodyBytes(), bytesPerToken);
        long output = Estimate.outputTokens(call.request(), model, defaultMaxOutput);
        BigDecimal most = Cost.atMost(prompt, output, pricing);
        // Conditional DynamoDB updates block: off the event loop.
        return Uni.createFrom().item(() -> guard.admit(key, prompt + output, most, costUnknown, now))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(admission -> new Meter(writer, call, target, pricing, costUnknown, admission, now, started));
    }
}
