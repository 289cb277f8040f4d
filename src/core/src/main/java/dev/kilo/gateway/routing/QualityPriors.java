package dev.kilo.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The curated quality priors ({@code quality-priors.json}): per model family, a coding score, a reasoning score and
 * a speed tier, each with its sources. Matched on the model's own name (the last segment of the id, lower case, dots
 * as dashes), so {@code anthropic/claude-sonnet-4-5}, {@code openrouter/anthropic/claude-sonnet-4.5} and
 * {@code kilo/anthropic/claude-sonnet-4.5} share one entry. First matching entry wins: specific patterns come first.
 */
public final class QualityPriors {

    public static final String RESOURCE = "/quality-priors.json";

    /** What the priors say about one model. */
    public record Prior(double coding, double reasoning, Speed speed, boolean rated, boolean estimate,
            List<String> sources) {
    }

    public enum Speed {
        FAST, MEDIUM, SLOW
    }

    private record Entry(List<ModelPattern> patterns, Prior prior) {
    }

    private final String version;
    private final List<Entry> entries;
    private final Prior unrated;

    private QualityPriors(String version, List<Entry> entries, Prior unrated) {
        this.version = version;
        this.entries = entries;
        this.unrated = unrated;
    }

    public static QualityPriors load(ObjectMapper mapper) {
        try (InputStream in = QualityPriors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            return parse(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + RESOURCE, e);
        }
    }

    static QualityPriors parse(JsonNode root) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode model : root.path("models")) {
            List<ModelPattern> patterns = new ArrayList<>();
            model.path("match").forEach(p -> patterns.add(new ModelPattern(normalize(p.asText()))));
            List<String> sources = new ArrayList<>();
            model.path("sources").forEach(s -> sources.add(s.asText()));
            entries.add(new Entry(List.copyOf(patterns), new Prior(model.path("coding").asDouble(),
                    model.path("reasoning").asDouble(), speed(model), true, model.path("estimate").asBoolean(false),
                    List.copyOf(sources))));
        }
        JsonNode u = root.path("unrated");
        Prior unrated = new Prior(u.path("coding").asDouble(35), u.path("reasoning").asDouble(40), speed(u), false,
                true, List.of());
        return new QualityPriors(root.path("version").asText(), List.copyOf(entries), unrated);
    }

    public String version() {
        return version;
    }

    /** The prior for a catalog model id; models no entry matches get the low "unrated" prior. */
    public Prior find(String modelId) {
        String name = normalize(modelId.substring(modelId.lastIndexOf('/') + 1));
        for (Entry entry : entries) {
            if (ModelPattern.anyMatches(entry.patterns(), name)) {
                return entry.prior();
            }
        }
        return unrated;
    }

    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('.', '-');
    }

    private static Speed speed(JsonNode node) {
        return Speed.valueOf(node.path("speed").asText("medium").toUpperCase(Locale.ROOT));
    }
}
