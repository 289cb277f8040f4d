package dev.kilo.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression that {@link #find} tries only at positions where one of its alternatives can begin.
 * <p>
 * Why: {@link Matcher#find} tries a long alternation ({@code \b(architecture|design|...)}) at every character, each
 * alternative in turn; on a few thousand characters of prose that cost the classifier a millisecond per request.
 * The literal text each alternative starts with is read from the expression itself (so the two cannot drift apart);
 * a position where none of those starts appears cannot begin a match, and the scan skips it with a table lookup and
 * one bit test on two characters (a start that follows {@code \b} is never tried inside a word). Where one can, the
 * expression runs there exactly as {@code find} would run it ({@code lookingAt} over a region with transparent,
 * non-anchoring bounds), so the first match found, and its groups, are the same.
 * <p>
 * Supported alternative starts: literal text (escaped punctuation included), {@code \b} and inline flags (skipped),
 * a group (its alternatives, expanded with the literal text after it while that stays small), a class of single
 * characters ({@code [;{}]}), {@code ^} (input start, or every line start under {@code (?m)}). Anything else makes
 * the pattern ungated: it is then searched at every position, correct but as slow as before.
 */
final class GatedPattern {

    private static final Pattern INLINE_MULTILINE = Pattern.compile("\\(\\?[imsux]*m");

    private final Pattern pattern;
    private final boolean gated;
    /**
     * Per ASCII character (either case): {@link #STARTS} if some start begins with it, and {@link #AFTER_BOUNDARY}
     * too if every such start follows a {@code \b} and is a word character, so none can begin inside a word.
     */
    private final byte[] first = new byte[128];
    /** Bit (first char, second char), both ASCII lower case: some start begins with that pair. */
    private final long[] pairs = new long[128 * 128 / 64];
    /** Starts by their first (lower-case) character. */
    private final PatternStarts.Start[][] startsByFirst = new PatternStarts.Start[128][];
    private final boolean atInputStart;
    private final boolean atLineStarts;
    private final boolean hasLiterals;

    private static final byte STARTS = 1;
    private static final byte AFTER_BOUNDARY = 2;
    private static final byte[] LOWER = new byte[128];
    private static final boolean[] WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            WORD[c] = Character.isLetterOrDigit(c) || c == '_';
        }
    }

    private GatedPattern(String regex) {
        this.pattern = Pattern.compile(regex);
        PatternStarts starts = new PatternStarts();
        // An inline (?m) anywhere may reach later alternatives: then every ^ is taken as a line start (a superset).
        this.gated = starts.ofAlternation(regex, INLINE_MULTILINE.matcher(regex).find()
                || (pattern.flags() & Pattern.MULTILINE) != 0);
        this.atInputStart = starts.inputStart;
        this.atLineStarts = starts.lineStarts;
        this.hasLiterals = !starts.literals.isEmpty();
        List<List<PatternStarts.Start>> byFirst = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            byFirst.add(new ArrayList<>());
        }
        for (PatternStarts.Start start : starts.literals) {
            char c = start.text().charAt(0);
            byFirst.get(c).add(start);
            int pair = c << 7;
            if (start.text().length() == 1) {
                for (int second = 0; second < 128; second++) {
                    set(pair | second);
                }
            } else {
                set(pair | start.text().charAt(1));
            }
        }
        for (int c = 0; c < 128; c++) {
            List<PatternStarts.Start> list = byFirst.get(c);
            if (list.isEmpty()) {
                continue;
            }
            startsByFirst[c] = list.toArray(PatternStarts.Start[]::new);
            boolean inWordNever = WORD[c] && list.stream().allMatch(PatternStarts.Start::afterBoundary);
            byte flags = (byte) (STARTS | (inWordNever ? AFTER_BOUNDARY : 0));
            first[c] = flags;
            first[Character.toUpperCase(c)] = flags;
        }
    }

    static GatedPattern compile(String regex) {
        return new GatedPattern(regex);
    }

    Pattern pattern() {
        return pattern;
    }

    /** Whether every alternative has a start the scan can test (else every position is tried). */
    boolean gated() {
        return gated;
    }

    /** The first match at or after {@code from}, as {@code pattern.matcher(text).find(from)} finds it, or null. */
    Matcher find(String text, int from) {
        Matcher m = pattern.matcher(text);
        if (!gated) {
            return m.find(from) ? m : null;
        }
        m.useTransparentBounds(true).useAnchoringBounds(false);
        // A char array: String.charAt's per-call checks cost more than the copy in this loop.
        char[] chars = text.toCharArray();
        int n = chars.length;
        int i = from;
        if (i == 0 && (atInputStart || atLineStarts)) {
            if (matchesAt(m, 0, n)) {
                return m;
            }
            i = 1;
        }
        if (atLineStarts) {
            for (; i <= n; i++) {
                if ((isLineTerminator(chars[i - 1]) || (i < n && literalMayStartAt(chars, i))) && matchesAt(m, i, n)) {
                    return m;
                }
            }
            return null;
        }
        if (!hasLiterals) {
            return null;
        }
        byte[] starts = first;
        for (; i < n; i++) {
            char c = chars[i];
            // The common case, kept in this loop: a character no start begins with, or one inside a word.
            if (c >= 128 || starts[c] == 0
                    || (starts[c] == (STARTS | AFTER_BOUNDARY) && i > 0 && isWordChar(chars[i - 1]))) {
                continue;
            }
            if (literalMayStartAt(chars, i) && matchesAt(m, i, n)) {
                return m;
            }
        }
        return null;
    }

    /** The attempt {@code find} makes at position {@code i}. */
    private static boolean matchesAt(Matcher m, int i, int n) {
        m.region(i, n);
        return m.lookingAt();
    }

    Matcher find(String text) {
        return find(text, 0);
    }

    boolean foundIn(String text) {
        return find(text, 0) != null;
    }

    /** Whether a literal start can begin at {@code i}: cheapest tests first. */
    private boolean literalMayStartAt(char[] text, int i) {
        char c = text[i];
        if (c >= 128 || first[c] == 0) {
            return false;
        }
        boolean inWord = i > 0 && isWordChar(text[i - 1]);
        if (inWord && first[c] == (STARTS | AFTER_BOUNDARY)) {
            return false;
        }
        // No ASCII second character: only one-character starts can begin here, and they set every pair.
        char next = i + 1 < text.length ? text[i + 1] : 0;
        int pair = LOWER[c] << 7 | (next < 128 ? LOWER[next] : 0);
        if ((pairs[pair >>> 6] & (1L << pair)) == 0) {
            return false;
        }
        for (PatternStarts.Start start : startsByFirst[LOWER[c]]) {
            if (!(inWord && start.afterBoundary()) && startsWith(text, i, start.text())) {
                return true;
            }
        }
        return false;
    }

    private void set(int pair) {
        pairs[pair >>> 6] |= 1L << (pair & 63);
    }

    /**
     * An ASCII word character, after which {@code \b} cannot hold in front of another word character. Other
     * characters are not ruled out (java.util.regex also treats non-ASCII letters and marks as word characters).
     */
    private static boolean isWordChar(char c) {
        return c < 128 && WORD[c];
    }

    /** Compares with ASCII case folded, as the pattern's {@code (?i)} does (for case-sensitive ones, a superset). */
    private static boolean startsWith(char[] text, int i, String start) {
        if (text.length - i < start.length()) {
            return false;
        }
        for (int k = 1; k < start.length(); k++) {
            char c = text[i + k];
            if (c >= 128 || LOWER[c] != start.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The line terminators after which {@code (?m)^} matches (java.util.regex's default set). */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
