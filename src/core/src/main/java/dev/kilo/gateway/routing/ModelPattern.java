package dev.kilo.gateway.routing;

import java.util.List;
import java.util.Locale;

/**
 * A model id pattern with {@code *} wildcards ({@code anthropic/*}, {@code *claude-sonnet*}, {@code openai/gpt-5}),
 * matched case-insensitively against the whole id, as keys' model lists are ({@link dev.kilo.gateway.auth.ModelPattern}).
 * Holds the pattern so request controls are read once per request.
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
        return dev.kilo.gateway.auth.ModelPattern.matches(pattern, id);
    }
}
