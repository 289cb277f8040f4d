package dev.kilo.gateway.local.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.routing.PolicyModel;
import dev.kilo.gateway.routing.TaskClass;
import dev.kilo.gateway.service.RoutingPolicies;
import dev.kilo.gateway.store.CatalogStore;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The offline routing evaluation ({@code make route-eval}): replays a JSONL file of labelled requests through
 * {@code POST /v1/route} over a catalog of every priced model in model-registry.json, and reports per task class the
 * models chosen and the estimated cost of each profile and of the cost-quality tradeoff sweep, against
 * always-cheapest and always-strongest, and against the random-mix hull of single models (shared/ROUTING-EVAL.md).
 * <p>
 * There are no solve-rate outcomes here: the "quality" of a (request, model) pair is the model's prior class
 * quality for the request's labelled class (0-100, from quality-priors.json), and a model that cannot serve the
 * request scores 0. The router ranks by the same priors, so quality gains over the hull mostly restate the priors:
 * the report is a cost and behaviour check, not proof of better outcomes.
 * <p>
 * It then traces the cost_quality_tradeoff curve and reads it, and routers fitted to a budget by repeated k-fold
 * cross-validation ({@link HeldOut}), at fixed shares of the frontier's cost ({@link CostCurves}).
 */
@QuarkusTest
@TestProfile(RouteEvalProfile.class)
@Tag("bench")
class RouteEval {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PROFILES = {"kilo/auto:eco", "kilo/auto", "kilo/auto:frontier"};
    private static final int BOOTSTRAP = 1000;

    @Inject
    CatalogStore catalogStore;

    @Inject
    ModelCatalog catalog;

    @Inject
    RoutingPolicies policies;

    @Inject
    KeyService keys;

    @ConfigProperty(name = "route.eval.file", defaultValue = "../../bench/routing/requests.jsonl")
    String file;

    private String auth;

    /** One request of the file. */
    record Labelled(String id, TaskClass label, Map<String, String> headers, ObjectNode body) {
    }

    /** What a system did with one request: its estimated cost and quality proxy (0 when nothing served it). */
    record Outcome(String model, String taskClass, double cost, double quality) {
    }

    @Test
    void replaysTheRequestsAndReports() throws Exception {
        auth = TestKeys.bearer(keys, "route-eval-" + UUID.randomUUID());
        loadRegistryCatalog();
        List<Labelled> requests = read(Path.of(file));
        List<PolicyModel> models = policies.current().document().models();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Routing evaluation: %d requests from %s, %d models (policy %d, priors "
                + "%s)%n", requests.size(), file, models.size(), policies.current().version(),
                policies.current().document().priorsVersion()));

        Map<String, List<Outcome>> systems = new LinkedHashMap<>();
        for (String profile : PROFILES) {
            systems.put(profile, route(requests, profile, null, null));
        }
        // The knob's curve: every request at every setting, which the fitted routers choose among.
        List<Double> knobs = new ArrayList<>();
        List<List<Outcome>> sweep = new ArrayList<>();
        for (int step = 0; step <= 20; step++) {
            knobs.add(step / 2.0);
            sweep.add(route(requests, "kilo/auto", step / 2.0, null));
            if (step % 4 == 0) {
                systems.put("tradeoff " + step / 2, sweep.get(step));
            }
        }
        // Single models: every request to one model (what a router reading nothing can mix).
        Map<String, List<Outcome>> singles = new LinkedHashMap<>();
        for (PolicyModel m : models) {
            if (m.priced()) {
                singles.put(m.id(), route(requests, "kilo/auto:frontier", null, m.id()));
            }
        }
        List<Outcome> cheapest = new ArrayList<>();
        List<Outcome> strongest = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            Outcome low = null;
            Outcome high = null;
            for (List<Outcome> single : singles.values()) {
                Outcome o = single.get(r);
                if (o.model() == null) {
                    continue;
                }
                low = low == null || o.cost() < low.cost() ? o : low;
                high = high == null || o.quality() > high.quality() ? o : high;
            }
            Outcome none = new Outcome(null, null, 0, 0);
            cheapest.add(low == null ? none : low);
            strongest.add(high == null ? none : high);
        }
        systems.put("always-cheapest", cheapest);
        systems.put("always-strongest", strongest);

        perClass(out, requests, systems);
        List<Column> singleColumns = singles.values().stream().map(Column::of).toList();
        Resamples resamples = new Resamples(requests.size(), BOOTSTRAP, 42);
        overall(out, systems, singleColumns, resamples);
        String[] predicted = systems.get("kilo/auto").stream().map(Outcome::taskClass).toArray(String[]::new);
        List<PolicyModel> singleModels = singles.keySet().stream()
                .map(id -> models.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow()).toList();
        new CostCurves(knobs, sweep.stream().map(Column::of).toList(),
                Lagrangian.curve(singleColumns, believed(singleModels, singleColumns, predicted)),
                Lagrangian.curve(singleColumns, singleColumns.stream().map(Column::quality).toArray(double[][]::new)),
                singleColumns, Column.of(systems.get("always-strongest")), predicted, resamples).report(out);
        out.append(String.format(Locale.ROOT, "%n%s%n", CostCurves.variantsEvaluated(knobs.size(), PROFILES.length)));
        System.out.println(out);
        Path report = Path.of("target", "route-eval-report.txt");
        Files.writeString(report, out.toString());
        System.out.println("Report written to " + report.toAbsolutePath());
        assertTrue(requests.size() > 0);
    }

    private List<Outcome> route(List<Labelled> requests, String model, Double tradeoff, String only)
            throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Labelled request : requests) {
            ObjectNode body = request.body().deepCopy();
            body.put("model", model);
            if (tradeoff != null || only != null) {
                ObjectNode routing = body.putObject("routing");
                if (tradeoff != null) {
                    routing.put("cost_quality_tradeoff", tradeoff);
                }
                if (only != null) {
                    routing.putArray("models").add(only);
                }
            }
            var call = given().header("Authorization", auth).contentType("application/json");
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                call = call.header(h.getKey(), h.getValue());
            }
            Response response = call.body(JSON.writeValueAsString(body)).post("/v1/route");
            if (response.statusCode() != 200) {
                outcomes.add(new Outcome(null, null, 0, 0));
                continue;
            }
            JsonNode decision = JSON.readTree(response.asString()).path("decision");
            String chosen = decision.path("chosen").asText();
            PolicyModel m = policies.current().document().models().stream().filter(p -> p.id().equals(chosen))
                    .findFirst().orElseThrow();
            outcomes.add(new Outcome(chosen, decision.path("task_class").asText(),
                    decision.path("estimated_cost_usd").asDouble(0), m.quality(request.label())));
        }
        return outcomes;
    }

    private static void perClass(StringBuilder out, List<Labelled> requests, Map<String, List<Outcome>> systems) {
        out.append(String.format(Locale.ROOT, "%nPer task class (labelled). cost = mean estimated USD per request; "
                + "q = mean prior quality of the chosen model for the labelled class (0-100)%n"));
        for (TaskClass c : TaskClass.values()) {
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < requests.size(); r++) {
                if (requests.get(r).label() == c) {
                    rows.add(r);
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            long agree = rows.stream().filter(r -> c.wire().equals(systems.get("kilo/auto").get(r).taskClass()))
                    .count();
            out.append(String.format(Locale.ROOT, "%n%s: %d requests, classifier agrees with the label on %d%n",
                    c.wire(), rows.size(), agree));
            for (String system : List.of("kilo/auto:eco", "kilo/auto", "kilo/auto:frontier", "always-cheapest",
                    "always-strongest")) {
                List<Outcome> outcomes = systems.get(system);
                double cost = rows.stream().mapToDouble(r -> outcomes.get(r).cost()).average().orElse(0);
                double q = rows.stream().mapToDouble(r -> outcomes.get(r).quality()).average().orElse(0);
                Map<String, Integer> chosen = new TreeMap<>();
                rows.forEach(r -> chosen.merge(String.valueOf(outcomes.get(r).model()), 1, Integer::sum));
                out.append(String.format(Locale.ROOT, "  %-20s cost $%.5f  q %5.1f  %s%n", system, cost, q,
                        top(chosen)));
            }
        }
    }

    private static String top(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                .map(e -> e.getKey() + " x" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /**
     * [model][request] the quality a router believes a model has for a request: its prior quality for the predicted
     * class, and for the classes every model does (titles, completions) no more than the class bar, so the cheapest
     * model over the bar is as good as any.
     */
    private static double[][] believed(List<PolicyModel> models, List<Column> singles, String[] predicted) {
        double[][] believed = new double[models.size()][predicted.length];
        for (int m = 0; m < models.size(); m++) {
            for (int r = 0; r < predicted.length; r++) {
                TaskClass c = TaskClass.fromWire(predicted[r]);
                double q = models.get(m).quality(c);
                boolean trivial = CostCurves.TRIVIAL.contains(c.wire());
                believed[m][r] = singles.get(m).quality()[r] == 0 ? 0 : trivial ? Math.min(q, c.bar()) : q;
            }
        }
        return believed;
    }

    private static void overall(StringBuilder out, Map<String, List<Outcome>> systems, List<Column> singles,
            Resamples resamples) {
        int[] all = Column.all(singles.get(0).cost().length);
        double frontierCost = Column.of(systems.get("always-strongest")).total(all);
        out.append(String.format(Locale.ROOT, "%nAll requests: total estimated cost, mean quality proxy, and the "
                + "gain over the random-mix hull of %d single models at the same cost%n(95%% paired bootstrap "
                + "interval over requests, %d resamples; cost also as a share of always-strongest)%n",
                singles.size(), resamples.count()));
        for (Map.Entry<String, List<Outcome>> system : systems.entrySet()) {
            Column c = Column.of(system.getValue());
            double cost = c.total(all);
            double[] ci = resamples.interval(rows -> c.mean(rows) - Hull.ofSingles(singles, rows, c.total(rows)));
            out.append(String.format(Locale.ROOT, "  %-20s $%8.4f (%5.1f%%)  q %5.1f  vs hull %+5.1f [%+5.1f, %+5.1f]%n",
                    system.getKey(), cost, 100 * cost / frontierCost, c.mean(all),
                    c.mean(all) - Hull.ofSingles(singles, all, cost), ci[0], ci[1]));
        }
    }

    private static List<Labelled> read(Path path) throws IOException {
        List<Labelled> rows = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            Map<String, String> headers = new LinkedHashMap<>();
            row.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            rows.add(new Labelled(row.path("id").asText(), TaskClass.fromWire(row.path("label").asText()), headers,
                    (ObjectNode) row.path("body")));
        }
        return rows;
    }

    /** Every model of model-registry.json with a published price, under each provider that price applies to. */
    private void loadRegistryCatalog() throws IOException {
        JsonNode registry;
        try (InputStream in = getClass().getResourceAsStream("/model-registry.json")) {
            registry = JSON.readTree(in);
        }
        Instant now = Instant.now();
        for (JsonNode entry : registry.path("models")) {
            JsonNode pricing = entry.path("pricing");
            if (pricing.isMissingNode()) {
                continue;
            }
            Map<String, JsonNode> byProvider = new LinkedHashMap<>();
            if (pricing.has("prompt")) {
                byProvider.put(entry.path("providers").path(0).asText(), pricing);
            } else {
                pricing.fields().forEachRemaining(e -> byProvider.put(e.getKey(), e.getValue()));
            }
            List<String> params = new ArrayList<>();
            for (JsonNode capability : entry.path("capabilities")) {
                switch (capability.asText()) {
                    case "tools" -> params.add("tools");
                    case "json_schema" -> params.add("structured_outputs");
                    case "reasoning" -> params.add("reasoning");
                    default -> {
                    }
                }
            }
            List<String> inputs = new ArrayList<>();
            entry.path("input_modalities").forEach(m -> inputs.add(m.asText()));
            for (Map.Entry<String, JsonNode> price : byProvider.entrySet()) {
                String id = price.getKey() + "/" + entry.path("id").asText();
                Integer context = entry.has("context_length") ? entry.path("context_length").asInt() : null;
                Integer output = entry.has("max_output_tokens") ? entry.path("max_output_tokens").asInt() : null;
                CatalogModel model = new CatalogModel(id, "model", null, price.getKey(), entry.path("name").asText(),
                        null, context, new CatalogModel.Architecture("text->text",
                                inputs.isEmpty() ? List.of("text") : inputs, List.of("text"), null),
                        new CatalogModel.Pricing(price.getValue().path("prompt").asText(),
                                price.getValue().path("completion").asText(), null, null),
                        new CatalogModel.TopProvider(context, output, false), params);
                catalogStore.putIfChanged(model, "eval-" + UUID.randomUUID(), "route-eval", now);
            }
        }
        catalogStore.publish("route-eval-" + UUID.randomUUID(), "{}", now);
        catalog.reload();
        policies.refresh();
    }
}
