package dev.kilo.gateway.api;

import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.error.GatewayException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The hosted Kilo service's account endpoints, which Kilo Code CLI asks for. A 200 from {@code /api/user} would
 * switch the CLI to uploading the user's sessions to Kilo's cloud, which a self-hosted gateway must never cause, so
 * both answer 404 in OpenAI's error shape. {@code /api/defaults} names this gateway's default model.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class KiloClientResource {

    private final String defaultModel;

    public KiloClientResource(GatewayConfig config) {
        this.defaultModel = config.auto().defaultModel();
    }

    /** Kilo Code's defaults, asked by a CLI logged in with {@code kilo auth login} that has no model chosen. */
    public record Defaults(String defaultModel, String defaultFreeModel) {
    }

    @GET
    @Path("/defaults")
    public Defaults defaults() {
        return new Defaults(defaultModel, "kilo-auto/free");
    }

    @GET
    @Path("/user")
    public void user() {
        throw noAccounts();
    }

    @GET
    @Path("/profile")
    public void profile() {
        throw noAccounts();
    }

    private static GatewayException noAccounts() {
        return GatewayException.notFound("This is a self-hosted gateway: it has no user accounts and uploads "
                + "nothing.");
    }
}
