package dev.kilo.gateway.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The compiled routing policy: for every task class and profile, the routable models in order with their scores.
 * {@link Document} is what is stored (DynamoDB) and shown; this class adds the arrays the router scans, so a
 * decision walks primitive arrays and allocates almost nothing.
 */
public final class RoutingPolicy {

    /**
     * The stored form.
     *
     * @param version assigned by the store when the content changes; 0 before it is stored
     * @param catalogVersion the catalog version it was compiled from
     * @param degradedProviders providers whose last discovery failed (live health at compile time)
     * @param rankings one per task class and profile
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Document(long version, long catalogVersion, String priorsVersion, String compiledAt,
            List<String> degradedProviders, List<PolicyModel> models, List<Ranking> rankings) {

        public Document withVersion(long newVersion) {
            return new Document(newVersion, catalogVersion, priorsVersion, compiledAt, degradedProviders, models,
                    rankings);
        }
    }

    /**
     * Candidates of one task class under one profile, best first.
     *
     * @param order indexes into {@link Document#models()}
     * @param scores the score each was ranked by (class quality, or quality less the price penalty for balanced)
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Ranking(String taskClass, String profile, int[] order, double[] scores) {
    }

    /** cost_quality_tradeoff runs from 0 to 10; orders are kept for its multiples of 0.1. */
    private static final int TRADEOFF_STEPS = 100;

    private final Document document;
    private final PolicyModel[] models;
    /** [class][profile] → model indexes, best first. */
    private final int[][][] orders;
    /** [model][class] → class quality. */
    private final double[][] quality;
    /** [model][class] → log2 of the typical request's cost relative to the class's cheapest priced model. */
    private final double[][] relativeCost;
    private final java.util.Map<String, Integer> indexById = new java.util.HashMap<>();
    /** The distinct context windows the models are trusted with ({@link Needs#usableContext}), ascending. */
    private final int[] contextLimits;
    /**
     * [class][tradeoff x 10] → model indexes by the balanced score at that tradeoff, best first; filled on first
     * use. Requests that set cost_quality_tradeoff reuse a handful of values (a key's default, a client's setting),
     * so each value is sorted once per policy instead of rescoring every model per request.
     */
    private final AtomicReferenceArray<int[]> tradeoffOrders;

    private RoutingPolicy(Document document) {
        this.document = document;
        this.models = document.models().toArray(PolicyModel[]::new);
        for (int m = 0; m < models.length; m++) {
            indexById.put(models[m].id(), m);
        }
        int classes = TaskClass.values().length;
        this.orders = new int[classes][Profile.values().length][];
        for (int[][] byProfile : orders) {
            java.util.Arrays.fill(byProfile, new int[0]);
        }
        for (Ranking ranking : document.rankings()) {
            orders[TaskClass.fromWire(ranking.taskClass()).ordinal()][Profile.fromWire(ranking.profile()).ordinal()]
                    = ranking.order();
        }
        this.contextLimits = java.util.Arrays.stream(models).mapToInt(Needs::usableContext).distinct().sorted()
                .toArray();
        this.tradeoffOrders = new AtomicReferenceArray<>(classes * (TRADEOFF_STEPS + 1));
        this.quality = new double[models.length][classes];
        this.relativeCost = new double[models.length][classes];
        for (TaskClass c : TaskClass.values()) {
            double[] costs = PolicyCompiler.typicalCosts(models, c);
            for (int m = 0; m < models.length; m++) {
                quality[m][c.ordinal()] = models[m].quality(c);
                relativeCost[m][c.ordinal()] = costs[m];
            }
        }
    }

    public static RoutingPolicy of(Document document) {
        return new RoutingPolicy(document);
    }

    public Document document() {
        return document;
    }

    public long version() {
        return document.version();
    }

    PolicyModel[] models() {
        return models;
    }

    int[] order(TaskClass taskClass, Profile profile) {
        return orders[taskClass.ordinal()][profile.ordinal()];
    }

    double quality(int model, TaskClass taskClass) {
        return quality[model][taskClass.ordinal()];
    }

    double relativeCost(int model, TaskClass taskClass) {
        return relativeCost[model][taskClass.ordinal()];
    }

    /**
     * Whether some model's context window lies in [low, high): whether a model fits a prompt needing {@code low}
     * tokens of context but not one needing {@code high}.
     */
    boolean contextLimitBetween(int low, int high) {
        int at = java.util.Arrays.binarySearch(contextLimits, low);
        int first = at >= 0 ? at : -at - 1;
        return first < contextLimits.length && contextLimits[first] < high;
    }

    /**
     * Every model ordered by the balanced score at this cost_quality_tradeoff, best first, ties by index (as a
     * rescoring pass over the models would keep them); null when the tradeoff is not a multiple of 0.1.
     */
    int[] tradeoffOrder(TaskClass c, double tradeoff) {
        int step = (int) Math.round(tradeoff * 10);
        if (step < 0 || step > TRADEOFF_STEPS || step / 10.0 != tradeoff) {
            return null;
        }
        int slot = c.ordinal() * (TRADEOFF_STEPS + 1) + step;
        int[] order = tradeoffOrders.get(slot);
        if (order == null) {
            double[] score = new double[models.length];
            for (int m = 0; m < models.length; m++) {
                score[m] = PolicyCompiler.balancedScore(quality(m, c), relativeCost(m, c), c, tradeoff);
            }
            order = java.util.stream.IntStream.range(0, models.length).boxed()
                    .sorted((a, b) -> score[a] > score[b] ? -1 : score[a] < score[b] ? 1 : 0)
                    .mapToInt(Integer::intValue).toArray();
            tradeoffOrders.set(slot, order);
        }
        return order;
    }

    /** The model's index, or -1 when the policy does not hold it. */
    int indexOf(String id) {
        Integer index = id == null ? null : indexById.get(id);
        return index == null ? -1 : index;
    }

    public int size() {
        return models.length;
    }
}
