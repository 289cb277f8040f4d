package dev.kilo.gateway.routing;

import java.util.List;
import java.util.Locale;

/**
 * A model id pattern with {@code *} wildcards ({@code anthropic/*}, {@code *claude-sonnet*}, {@code openai/gpt-5}),
 * matched case-insensitively against the whole id. Allocation-free matching: it runs per candidate per request.
 */
public record ModelPattern(String pattern) {

    public ModelPattern {
        pattern = pattern.strip().toLowerCase(Locale.ROOT);
    }

    public static List<ModelPattern> of(List<String> patterns) {
        return patterns == null ? List.of() : patterns.stream().map(ModelPattern::new).toList();
    }

    public static boolean anyMatches(List<ModelPattern> patterns, String id) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matches(id)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String id) {
        return glob(pattern, 0, id, 0);
    }

    /** Iterative glob with single-star backtracking: linear for the patterns people write. */
    private static boolean glob(String p, int pi, String s, int si) {
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) != '*' && p.charAt(pi) == Character.toLowerCase(s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
