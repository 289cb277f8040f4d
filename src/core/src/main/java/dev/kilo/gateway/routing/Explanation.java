package dev.kilo.gateway.routing;

import java.util.ArrayList;
import java.util.List;

/** The reasons of a {@link RouteDecision} in plain words: the class and its signal, the needs, the choice, the rest. */
final class Explanation {

    private Explanation() {
    }

    static List<String> reasons(RoutingPolicy policy, TaskClass c, String decidedBy, Needs needs, Profile profile,
            Double tradeoff, PolicyModel chosen, Double cost, boolean kept, String sessionSource,
            Router.Selection selection, List<String> fallbacks) {
        List<String> reasons = new ArrayList<>(6);
        reasons.add("Task class " + c.words() + ", decided by " + decidedBy + ".");
        reasons.add("Needs " + needs.words() + ".");
        reasons.add(choice(c, profile, tradeoff, chosen, cost, kept, sessionSource));
        if (!chosen.rated()) {
            reasons.add(chosen.id() + " has no curated quality prior, so it is rated low; add it to "
                    + "quality-priors.json to rank it fairly.");
        }
        if (selection.skippedTotal > 0 && !kept) {
            StringBuilder skipped = new StringBuilder("Passed over higher-ranked: ");
            for (int k = 0; k < selection.skippedCount; k++) {
                if (k > 0) {
                    skipped.append("; ");
                }
                skipped.append(policy.models()[selection.skipped[k]].id()).append(" (")
                        .append(selection.skippedWhy[k].words).append(')');
            }
            if (selection.skippedTotal > selection.skippedCount) {
                skipped.append(" and ").append(selection.skippedTotal - selection.skippedCount).append(" more");
            }
            reasons.add(skipped.append('.').toString());
        }
        reasons.add(fallbacks.isEmpty() ? "No fallback: no other model fits."
                : "If it fails before answering (429, 5xx, timeout), next: " + String.join(", ", fallbacks) + ".");
        return reasons;
    }

    private static String choice(TaskClass c, Profile profile, Double tradeoff, PolicyModel m, Double cost,
            boolean kept, String sessionSource) {
        String quality = "quality " + round(m.quality(c)) + " for " + c.words() + "s";
        String price = cost == null ? "price unknown" : "about " + usd(cost) + " for this request";
        if (kept) {
            return "Kept " + m.id() + " from earlier in this conversation (session by " + sessionSource
                    + ") so prompt caches and thinking signatures stay valid; " + quality + ", " + price + ".";
        }
        if (tradeoff != null && profile != Profile.FREE) {
            return "Chose " + m.id() + ": the best score at cost_quality_tradeoff " + round(tradeoff) + " ("
                    + quality + ", " + price + ").";
        }
        return switch (profile) {
            case FRONTIER -> "Chose " + m.id() + ": the strongest model for " + c.words() + "s that fits ("
                    + quality + "), price not considered (" + price + ").";
            case ECO -> m.quality(c) >= c.bar()
                    ? "Chose " + m.id() + ": the cheapest model that clears the " + c.words() + " quality bar of "
                            + round(c.bar()) + " (" + quality + ", " + price + ")."
                    : "Chose " + m.id() + ": no fitting model clears the " + c.words() + " quality bar of "
                            + round(c.bar()) + ", so the strongest that fits (" + quality + ", " + price + ").";
            case FREE -> "Chose " + m.id() + ": the strongest model priced at zero that fits (" + quality + ").";
            case BALANCED -> "Chose " + m.id() + ": the best balance of " + quality + " and price (" + price
                    + "); for " + c.words() + "s a model must gain " + round(c.priceWeight())
                    + " quality points per doubling of price to be preferred.";
        };
    }

    /** Dollars with 3 decimals from a cent up, else 5; without String.format, which costs a microsecond. */
    static String usd(double value) {
        if (value == 0) {
            return "$0";
        }
        int decimals = value >= 0.01 ? 3 : 5;
        long scaled = Math.round(value * Math.pow(10, decimals));
        String digits = Long.toString(scaled);
        while (digits.length() <= decimals) {
            digits = "0" + digits;
        }
        return "$" + digits.substring(0, digits.length() - decimals) + "." + digits.substring(digits.length() - decimals);
    }

    private static String round(double value) {
        long tenths = Math.round(value * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + Math.abs(tenths % 10);
    }
}
