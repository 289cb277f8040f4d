package dev.kilo.gateway.cli;

import dev.kilo.gateway.auth.ApiKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.discovery.DiscoveryReport;
import dev.kilo.gateway.discovery.DiscoveryService;
import dev.kilo.gateway.dynamodblocal.DynamoDbLocal;
import dev.kilo.gateway.store.Tables;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.math.BigDecimal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.request.KeyRequests;

/**
 * {@code make key} and {@code make discover}: creates, lists and revokes API keys, and refreshes the model catalog,
 * in the configured DynamoDB. Locally it shares the
 * DynamoDB Local of a running {@code make run}, or starts one on the same data folder. Against AWS, set
 * {@code DYNAMODB_ENDPOINT=https://dynamodb.<region>.amazonaws.com}, {@code DYNAMODB_CREDENTIALS=default} and the
 * usual AWS credentials. A created key's secret is printed once, alone on the
 * last line, so that scripts can take it with {@code tail -n1}.
 */
@QuarkusMain
public class AdminCli implements QuarkusApplication {

    static final String USAGE = """
            usage: key create NAME [--admin] [--budget USD] [--period total|day|week|month] [--rpm N] [--tpm N]
                   key list
                   key revoke KEY_ID
                   discover          (refresh the model catalog from every configured provider)""";

    @Inject
    KeyService keys;

    @Inject
    Tables tables;

    @Inject
    DiscoveryService discovery;

    @Inject
    ObjectMapper mapper;

    public static void main(String... args) throws Exception {
        String endpoint = System.getenv("DYNAMODB_ENDPOINT");
        if (endpoint == null) {
            int port = Integer.parseInt(System.getenv().getOrDefault("DYNAMODB_LOCAL_PORT", "8000"));
            Path data = Path.of(System.getenv().getOrDefault("DYNAMODB_LOCAL_DATA", ".data/dynamodb"));
            DynamoDbLocal.ensureRunning(port, data);
        }
        Quarkus.run(AdminCli.class, args);
    }

    @Override
    public int run(String... args) {
        PrintStream out = System.out;
        if (args.length == 0) {
            System.err.println(USAGE);
            return 2;
        }
        try {
            tables.createMissing();
            return switch (args[0]) {
                case "create" -> create(List.of(args).subList(1, args.length), out);
                case "list" -> list(out);
                case "revoke" -> revoke(List.of(args).subList(1, args.length), out);
                case "discover" -> discover(out);
                default -> usage();
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** Options become the body {@code POST /v1/keys} takes, so both validate limits the same way. */
    private int create(List<String> args, PrintStream out) {
        ObjectNode body = mapper.createObjectNode();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--admin" -> body.put("role", KeyService.ROLE_ADMIN);
                case "--budget", "--period", "--rpm", "--tpm" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                        return usage();
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "--budget" -> body.put("budget_usd", number(value, arg));
                        case "--period" -> body.put("budget_period", value);
                        case "--rpm" -> body.put("rpm", number(value, arg));
                        default -> body.put("tpm", number(value, arg));
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        return usage();
                    }
                    names.add(arg);
                }
            }
        }
        if (names.size() != 1) {
            return usage();
        }
        body.put("name", names.get(0));
        KeyRequests.KeyCreate request;
        try {
            request = KeyRequests.create(body);
        } catch (GatewayException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String role = request.role();
        KeyService.CreatedKey created = keys.create(request.name(), role, request.limits());
        out.printf("Created %s key %s named '%s'. Store the secret now: it is shown only once.%n",
                role, created.key().id(), created.key().name());
        out.println(created.secret());
        return 0;
    }

    private static BigDecimal number(String value, String option) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
        }
    }

    /** Prints the run's report; exits 1 when any provider failed, so scripts notice. */
    private int discover(PrintStream out) {
        DiscoveryReport report = discovery.refresh();
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A report always serializes", e);
        }
        return report.failedProviders() == 0 ? 0 : 1;
    }

    private int list(PrintStream out) {
        out.printf("%-20s %-24s %-6s %-8s %-5s %s%n", "ID", "NAME", "ROLE", "STATUS", "ENDS", "CREATED");
        for (ApiKey key : keys.list()) {
            out.printf("%-20s %-24s %-6s %-8s %-5s %s%n", key.id(), key.name(), key.role(), key.status(),
                    "…" + key.hint(), key.createdAt());
        }
        return 0;
    }

    private int revoke(List<String> args, PrintStream out) {
        if (args.size() != 1) {
            return usage();
        }
        return keys.revoke(args.get(0)).map(key -> {
            out.printf("Revoked key %s ('%s'). Running gateways stop accepting it within the key cache TTL.%n",
                    key.id(), key.name());
            return 0;
        }).orElseGet(() -> {
            System.err.println("error: no key with id " + args.get(0));
            return 1;
        });
    }

    private static int usage() {
        System.err.println(USAGE);
        return 2;
    }
}
