package dev.kilo.gateway.auth;

/**
 * Model id wildcards as keys and routing controls use them: {@code *} matches any run of characters (slashes
 * included), everything else matches itself, case-insensitively. {@code openai/*}, {@code *mini*}, {@code *}.
 */
public final class ModelPattern {

    private ModelPattern() {
    }

    public static boolean matches(String pattern, String modelId) {
        return matches(pattern.toLowerCase(java.util.Locale.ROOT), 0, modelId.toLowerCase(java.util.Locale.ROOT), 0);
    }

    private static boolean matches(String pattern, int p, String text, int t) {
        // Iterative glob with backtracking to the last star: linear in practice, no regex compilation per request.
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
