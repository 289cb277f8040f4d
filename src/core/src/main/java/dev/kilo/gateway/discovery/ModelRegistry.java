package dev.kilo.gateway.discovery;

import static dev.kilo.gateway.discovery.RegistryDocument.entry;
import static dev.kilo.gateway.discovery.RegistryDocument.invalid;
import static dev.kilo.gateway.discovery.RegistryDocument.strings;
import static dev.kilo.gateway.discovery.RegistryDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.discovery.DiscoveredModel.Prices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curated model registry, {@code model-registry.json} on the classpath: prices, limits, modalities and
 * capabilities that provider model lists mostly leave out (OpenAI's and Anthropic's lists give little more than ids).
 * Discovery uses it to fill what a list did not say, never to correct what it did.
 *
 * <p>A model is found by the provider's upstream id, compared case-insensitively, trying in order:
 * <ol>
 * <li>the id or one of the aliases of an entry;</li>
 * <li>the id without a date suffix ({@code -YYYYMMDD}, {@code -YYYY-MM-DD}, or Vertex AI's {@code @YYYYMMDD});</li>
 * <li>the longest family prefix that matches (and none of whose exclusions does);</li>
 * <li>for ids with a vendor path ({@code openai/gpt-oss-120b}, {@code accounts/fireworks/models/...}), the same
 * three steps for the last path segment.</li>
 * </ol>
 * A match carries prices only for the providers its entry prices: any other provider serving the same weights gets
 * limits and capabilities, but prices are per provider and stay unknown (never 0).
 *
 * <p>Pure and immutable: loaded once, safe to share.
 */
public final class ModelRegistry {

    /** Classpath location of the registry document. */
    public static final String RESOURCE = "/model-registry.json";

    /** Appended to a discovered model's {@code source} when the registry filled something in. */
    public static final String MARKER = "+registry";

    /** The registry document's price fields, in OpenRouter's names. */
    public static final List<String> PRICE_FIELDS = List.of("prompt", "completion", "input_cache_read",
            "input_cache_write");

    private static final Pattern DATE_SUFFIX = Pattern.compile("^(.+)[-@](?:20\\d{6}|20\\d{2}-\\d{2}-\\d{2})$");

    /**
     * A prefix rule for ids the registry does not list: an id that starts with {@code prefix}, and with none of
     * {@code exclude}, is the model named {@code inherits}. Plain prefixes, no patterns.
     */
    public record Family(String prefix, String inherits, List<String> exclude) {

        public Family {
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
        }

        boolean matches(String id) {
            return id.startsWith(prefix) && exclude.stream().noneMatch(id::startsWith);
        }
    }

    private final String version;
    private final List<RegistryEntry> entries;
    private final Map<String, RegistryEntry> byName;
    private final List<Family> families;

    private ModelRegistry(String version, List<RegistryEntry> entries, Map<String, RegistryEntry> byName,
            List<Family> families) {
        this.version = version;
        this.entries = List.copyOf(entries);
        this.byName = Map.copyOf(byName);
        this.families = families.stream()
                .sorted(Comparator.comparingInt((Family f) -> f.prefix().length()).reversed())
                .toList();
    }

    /** Reads {@link #RESOURCE}; fails when it is missing or breaks a rule of {@link #of}. */
    public static ModelRegistry load(ObjectMapper mapper) {
        try (InputStream in = ModelRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the classpath");
            }
            return of(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /**
     * A registry from its document. Fails on anything that would make it say more than it knows: a price that is
     * not a non-negative decimal, a price for a provider the entry does not name, a capability outside
     * {@link RegistryEntry#CAPABILITIES}, a source that {@code sources} does not define, a name (id or alias) used
     * twice, a family that inherits from no entry.
     */
    public static ModelRegistry of(JsonNode root) {
        String version = text(root, "version");
        if (version == null || version.isBlank()) {
            throw invalid("the document has no version");
        }
        Set<String> sources = new HashSet<>();
        root.path("sources").fieldNames().forEachRemaining(sources::add);
        List<RegistryEntry> entries = new ArrayList<>();
        Map<String, RegistryEntry> byName = new HashMap<>();
        for (JsonNode node : root.path("models")) {
            RegistryEntry entry = entry(node, sources);
            entries.add(entry);
            List<String> names = new ArrayList<>();
            names.add(entry.id());
            names.addAll(entry.aliases());
            for (String name : names) {
                RegistryEntry before = byName.putIfAbsent(name, entry);
                if (before != null) {
                    throw invalid("the name " + name + " is used by both " + before.id() + " and " + entry.id());
                }
            }
        }
        List<Family> families = new ArrayList<>();
        for (JsonNode node : root.path("families")) {
            String prefix = normalize(text(node, "prefix"));
            String inherits = normalize(text(node, "inherits"));
            if (prefix == null || prefix.isEmpty()) {
                throw invalid("a family has no prefix");
            }
            RegistryEntry target = inherits == null ? null : byName.get(inherits);
            if (target == null) {
                throw invalid("the family " + prefix + " inherits from no model (" + inherits + ")");
            }
            families.add(new Family(prefix, target.id(),
                    strings(node, "exclude", "family " + prefix).stream().map(ModelRegistry::normalize).toList()));
        }
        return new ModelRegistry(version, entries, byName, families);
    }

    /** The registry's version, the date of its figures (for example {@code 2026-11-24}). */
    public String version() {
        return version;
    }

    /** Every entry, provider-neutral (no chosen prices), in document order. */
    public List<RegistryEntry> entries() {
        return entries;
    }

    /** The family rules, longest prefix first. */
    public List<Family> families() {
        return families;
    }

    /**
     * The entry for a provider's upstream model id, with that provider's own prices (unknown when the entry does
     * not price the provider); empty when the registry does not know the model. See the class comment for the
     * order in which names are tried.
     */
    public Optional<RegistryEntry> find(String provider, String upstreamModelId) {
        String id = normalize(upstreamModelId);
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Optional<RegistryEntry> found = lookup(id);
        int slash = id.lastIndexOf('/');
        if (found.isEmpty() && slash >= 0 && slash < id.length() - 1) {
            found = lookup(id.substring(slash + 1));
        }
        return found.map(entry -> entry.forProvider(provider));
    }

    /**
     * A copy of the discovered model with every field its provider left unknown filled from the registry, and
     * {@link #MARKER} appended to its source when anything was filled. Nothing the provider said is replaced; prices
     * are filled field by field, and only with the provider's own. The name counts as unknown when it is only the
     * upstream id. Supported parameters come from the entry's capabilities ({@link RegistryEntry#supportedParameters}).
     * Unknown models are returned unchanged.
     */
    public DiscoveredModel enrich(DiscoveredModel discovered) {
        Optional<RegistryEntry> match = find(discovered.provider(), discovered.upstreamId());
        if (match.isEmpty()) {
            return discovered;
        }
        RegistryEntry entry = match.get();
        Fill fill = new Fill();
        String name = discovered.name();
        if (unnamed(discovered) && entry.name() != null && !entry.name().equals(name)) {
            name = entry.name();
            fill.used = true;
        }
        Prices own = discovered.prices();
        Prices known = entry.prices();
        Prices prices = new Prices(fill.of(own.prompt(), known.prompt()),
                fill.of(own.completion(), known.completion()),
                fill.of(own.cacheRead(), known.cacheRead()),
                fill.of(own.cacheWrite(), known.cacheWrite()));
        Integer contextLength = fill.of(discovered.contextLength(), entry.contextLength());
        Integer maxOutputTokens = fill.of(discovered.maxOutputTokens(), entry.maxOutputTokens());
        List<String> inputModalities = fill.of(discovered.inputModalities(), entry.inputModalities());
        List<String> outputModalities = fill.of(discovered.outputModalities(), entry.outputModalities());
        List<String> supportedParameters = fill.of(discovered.supportedParameters(), entry.supportedParameters());
        if (!fill.used) {
            return discovered;
        }
        return new DiscoveredModel(discovered.provider(), discovered.upstreamId(), name, discovered.description(),
                discovered.created(), contextLength, maxOutputTokens, inputModalities, outputModalities,
                supportedParameters, prices, marked(discovered.source()));
    }

    /** Keeps what the provider said, else takes the registry's value and remembers that it did. */
    private static final class Fill {
        boolean used;

        <T> T of(T own, T registry) {
            if (own != null) {
                return own;
            }
            if (registry != null) {
                used = true;
            }
            return registry;
        }
    }

    private Optional<RegistryEntry> lookup(String id) {
        RegistryEntry exact = byName.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        Matcher dated = DATE_SUFFIX.matcher(id);
        if (dated.matches()) {
            RegistryEntry undated = byName.get(dated.group(1));
            if (undated != null) {
                return Optional.of(undated);
            }
        }
        for (Family family : families) {
            if (family.matches(id)) {
                return Optional.of(byName.get(family.inherits()));
            }
        }
        return Optional.empty();
    }

    private static boolean unnamed(DiscoveredModel model) {
        return model.name() == null || model.name().isBlank() || model.name().equalsIgnoreCase(model.upstreamId());
    }

    private static String marked(String source) {
        if (source == null || source.isEmpty()) {
            return MARKER.substring(1);
        }
        return source.endsWith(MARKER) ? source : source + MARKER;
    }

    static String normalize(String id) {
        return id == null ? null : id.trim().toLowerCase(Locale.ROOT);
    }
}
