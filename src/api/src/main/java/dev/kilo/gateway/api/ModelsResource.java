package dev.kilo.gateway.api;

import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.catalog.ModelFilter;
import dev.kilo.gateway.error.GatewayException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The model catalog, in OpenRouter's schema inside OpenAI's list envelope. Served from memory. */
@Path(ApiPaths.V1 + "/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ModelCatalog catalog;

    public ModelsResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** OpenAI's {@code {"object":"list","data":[...]}}. */
    public record ModelList(String object, List<CatalogModel> data) {
    }

    /** Filterable by {@code provider} and {@code capability} (tools, vision, reasoning, json_schema, free). */
    @GET
    public ModelList list(@QueryParam("provider") String provider, @QueryParam("capability") String capability,
            @Context RoutingContext routing) {
        List<CatalogModel> models = ModelFilter.apply(catalog.all(), provider, capability);
        if (EdgeFilters.viaAlias(routing)) {
            // Kilo Code validates the whole list with one schema that requires context_length: a single model
            // whose context is unknown would make it discard every model. Under the hosted-Kilo paths such models
            // are left out; /v1 lists everything.
            models = models.stream().filter(m -> m.contextLength() != null && m.name() != null).toList();
        }
        return new ModelList("list", models);
    }

    /** Model ids contain a slash ({@code openai/gpt-5-mini}), hence the regular expression. */
    @GET
    @Path("/{id: .+}")
    public CatalogModel get(@PathParam("id") String id) {
        return catalog.find(id).orElseThrow(() -> GatewayException.modelNotFound(id));
    }
}
