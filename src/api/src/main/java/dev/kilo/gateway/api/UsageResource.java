package dev.kilo.gateway.api;

import dev.kilo.gateway.usage.DailyUsage;
import dev.kilo.gateway.usage.UsageService;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What requests used and cost, for the key that made them. Blocking reads, on worker threads. */
@Path(ApiPaths.V1)
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final UsageService usage;

    public UsageResource(UsageService usage) {
        this.usage = usage;
    }

    /** One request's record, in OpenRouter's generation shape ({@code {"data":{...}}}) plus our fields. */
    @GET
    @Path("/generation")
    public GenerationView generation(@QueryParam("id") String id, @Context RoutingContext routing) {
        return GenerationView.of(usage.generation(id, EdgeFilters.key(routing)));
    }

    /** Daily totals by model for the caller's key (or, for admins, {@code key_id}), {@code from}/{@code to} UTC days. */
    @GET
    @Path("/usage")
    public UsageView usage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("key_id") String keyId, @Context RoutingContext routing) {
        List<DailyUsage> days = usage.daily(EdgeFilters.key(routing), keyId, from, to);
        return UsageView.of(days);
    }
}
