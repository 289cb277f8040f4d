package dev.kilo.gateway.routing;

import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.catalog.ModelFilter;
import dev.kilo.gateway.routing.QualityPriors.Prior;
import dev.kilo.gateway.routing.RoutingPolicy.Document;
import dev.kilo.gateway.routing.RoutingPolicy.Ranking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Compiles the catalog, the quality priors and provider health into a {@link RoutingPolicy.Document}. Pure and
 * deterministic: the same inputs give the same document (but for its time stamp), so recompiling an unchanged
 * catalog changes nothing.
 * <ul>
 *   <li>frontier: class quality, best first;</li>
 *   <li>balanced: class quality less {@link TaskClass#priceWeight} points per doubling of the typical request's cost
 *   over the class's cheapest priced model; models under the class's bar lose twice the shortfall;</li>
 *   <li>eco: models over the bar, cheapest first; then the rest, best first;</li>
 *   <li>free: models priced at zero only, best first.</li>
 * </ul>
 * Models of providers whose last discovery failed go after all others in every ranking.
 */
public final class PolicyCompiler {

    /** Not chat models: embeddings, speech, images, moderation. */
    private static final Pattern NOT_CHAT = Pattern.compile(
            "embed|whisper|tts|transcribe|dall-e|gpt-image|moderation|realtime|audio|rerank|imagen|veo|sora");

    private PolicyCompiler() {
    }

    public static Document compile(Collection<CatalogModel> catalog, QualityPriors priors,
            Set<String> degradedProviders, long catalogVersion, Instant now) {
        List<PolicyModel> models = catalog.stream()
                .filter(PolicyCompiler::routable)
                .sorted(Comparator.comparing(CatalogModel::id))
                .map(m -> model(m, priors.find(m.id()), degradedProviders.contains(m.provider())))
                .toList();
        PolicyModel[] array = models.toArray(PolicyModel[]::new);
        List<Ranking> rankings = new ArrayList<>();
        for (TaskClass c : TaskClass.values()) {
            double[] relative = typicalCosts(array, c);
            for (Profile p : Profile.values()) {
                rankings.add(rank(array, relative, c, p));
            }
        }
        return new Document(0, catalogVersion, priors.version(), now.toString(),
                degradedProviders.stream().sorted().toList(), models, rankings);
    }

    /** Chat-capable, served models; the automatic ids themselves never. */
    static boolean routable(CatalogModel model) {
        if (Profile.isAutomatic(model.id()) || model.id().startsWith("kilo-auto/") || model.id().indexOf('/') <= 0) {
            return false;
        }
        List<String> outputs = model.architecture() == null ? null : model.architecture().outputModalities();
        if (outputs != null && !outputs.isEmpty() && !outputs.contains("text")) {
            return false;
        }
        return !NOT_CHAT.matcher(model.id().toLowerCase(Locale.ROOT)).find();
    }

    static PolicyModel model(CatalogModel m, Prior prior, boolean degraded) {
        int caps = 0;
        caps |= ModelFilter.CAPABILITIES.get("tools").test(m) ? Needs.TOOLS : 0;
        caps |= ModelFilter.CAPABILITIES.get("vision").test(m) ? Needs.VISION : 0;
        caps |= ModelFilter.CAPABILITIES.get("json_schema").test(m) ? Needs.JSON_SCHEMA : 0;
        caps |= ModelFilter.CAPABILITIES.get("reasoning").test(m) ? Needs.REASONING : 0;
        Integer maxOutput = m.topProvider() == null ? null : m.topProvider().maxCompletionTokens();
        return new PolicyModel(m.id(), m.provider(), caps, m.contextLength() == null ? 0 : m.contextLength(),
                maxOutput == null ? 0 : maxOutput, perMillion(m, true), perMillion(m, false), prior.coding(),
                prior.reasoning(), prior.speed().name().toLowerCase(Locale.ROOT), prior.rated(), degraded);
    }

    private static Double perMillion(CatalogModel m, boolean prompt) {
        if (m.pricing() == null) {
            return null;
        }
        String perToken = prompt ? m.pricing().prompt() : m.pricing().completion();
        try {
            return perToken == null ? null : Double.parseDouble(perToken) * 1_000_000;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * log2 of each model's typical cost for the class over the cheapest priced model's. Unknown prices count as
     * twice the dearest known one (never as cheap); free models as a quarter of the cheapest priced one.
     */
    static double[] typicalCosts(PolicyModel[] models, TaskClass c) {
        double[] cost = new double[models.length];
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < models.length; i++) {
            cost[i] = models[i].cost(c.typicalPromptTokens(), c.typicalOutputTokens());
            if (cost[i] > 0) {
                min = Math.min(min, cost[i]);
                max = Math.max(max, cost[i]);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            min = 1e-6;
            max = 1e-6;
        }
        double[] relative = new double[models.length];
        for (int i = 0; i < models.length; i++) {
            double value = Double.isNaN(cost[i]) ? max * 2 : Math.max(cost[i], min / 4);
            relative[i] = Math.log(value / min) / Math.log(2);
        }
        return relative;
    }

    /** Quality with the shortfall under the class's bar counted twice. */
    static double effectiveQuality(double quality, TaskClass c) {
        return quality >= c.bar() ? quality : quality - 2 * (c.bar() - quality);
    }

    /** The balanced score at a cost-quality tradeoff from 0 (price counts double) to 10 (price ignored). */
    static double balancedScore(double quality, double relativeCost, TaskClass c, double tradeoff) {
        return effectiveQuality(quality, c) - c.priceWeight() * (10 - tradeoff) / 5.0 * relativeCost;
    }

    private static Ranking rank(PolicyModel[] models, double[] relative, TaskClass c, Profile p) {
        double[] score = new double[models.length];
        for (int i = 0; i < models.length; i++) {
            double q = models[i].quality(c);
            score[i] = p == Profile.BALANCED ? balancedScore(q, relative[i], c, p.tradeoff()) : q;
        }
        Comparator<Integer> byScore = Comparator.comparingDouble((Integer i) -> -score[i])
                .thenComparingDouble(i -> relative[i])
                .thenComparing(i -> models[i].id());
        Comparator<Integer> order = switch (p) {
            case ECO -> Comparator.comparingInt((Integer i) -> ecoTier(models[i], c))
                    .thenComparingDouble(i -> ecoTier(models[i], c) == 0 ? relative[i] : -score[i])
                    .thenComparing(byScore);
            default -> byScore;
        };
        Comparator<Integer> healthFirst = Comparator.comparing((Integer i) -> models[i].degraded()).thenComparing(order);
        int[] ranked = IntStream.range(0, models.length).boxed()
                .filter(i -> p != Profile.FREE || models[i].free())
                .sorted(healthFirst)
                .mapToInt(Integer::intValue).toArray();
        double[] scores = new double[ranked.length];
        for (int k = 0; k < ranked.length; k++) {
            scores[k] = Math.round(score[ranked[k]] * 100) / 100.0;
        }
        return new Ranking(c.wire(), p.wire(), ranked, scores);
    }

    /** 0: over the bar and priced; 1: over the bar, price unknown; 2: under the bar. */
    private static int ecoTier(PolicyModel m, TaskClass c) {
        if (m.quality(c) < c.bar()) {
            return 2;
        }
        return m.priced() ? 0 : 1;
    }
}
