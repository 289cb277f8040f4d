package dev.kilo.gateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    /** Most members of a leading group that are expanded with the literal text after it. */
    private static final int MAX_EXPANDED = 64;
    private static final String META = "\\[](){}.*+?^$|";
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
    private final Start[][] startsByFirst = new Start[128][];
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

    /** The literal text an alternative begins with (lower case), and whether {@code \b} comes right before it. */
    private record Start(String text, boolean afterBoundary) {
    }

    private GatedPattern(String regex) {
        this.pattern = Pattern.compile(regex);
        Starts starts = new Starts();
        // An inline (?m) anywhere may reach later alternatives: then every ^ is taken as a line start (a superset).
        this.gated = starts.ofAlternation(regex, INLINE_MULTILINE.matcher(regex).find()
                || (pattern.flags() & Pattern.MULTILINE) != 0);
        this.atInputStart = starts.inputStart;
        this.atLineStarts = starts.lineStarts;
        this.hasLiterals = !starts.literals.isEmpty();
        List<List<Start>> byFirst = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            byFirst.add(new ArrayList<>());
        }
        for (Start start : starts.literals) {
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
            List<Start> list = byFirst.get(c);
            if (list.isEmpty()) {
                continue;
            }
            startsByFirst[c] = list.toArray(Start[]::new);
            boolean inWordNever = WORD[c] && list.stream().allMatch(Start::afterBoundary);
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
        for (Start start : startsByFirst[LOWER[c]]) {
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

    /** Reads the literal starts of a pattern's alternatives; false as soon as one has none. */
    private static final class Starts {
        final Set<Start> literals = new LinkedHashSet<>();
        boolean inputStart;
        boolean lineStarts;

        boolean ofAlternation(String regex, boolean multiline) {
            for (String alternative : alternatives(regex)) {
                Set<Start> found = new LinkedHashSet<>();
                if (!ofAlternative(alternative, multiline, false, found)) {
                    return false;
                }
                literals.addAll(found);
            }
            return true;
        }

        private boolean ofAlternative(String alt, boolean multiline, boolean boundary, Set<Start> out) {
            int i = 0;
            while (true) {
                if (alt.startsWith("\\b", i)) {
                    boundary = true;
                    i += 2;
                } else if (alt.startsWith("(?", i) && alt.indexOf(')', i) > 0
                        && alt.substring(i + 2, alt.indexOf(')', i)).matches("[imsux]+")) {
                    multiline |= alt.substring(i + 2, alt.indexOf(')', i)).contains("m");
                    i = alt.indexOf(')', i) + 1;
                } else {
                    break;
                }
            }
            if (i >= alt.length()) {
                return false;
            }
            char c = alt.charAt(i);
            if (c == '^') {
                lineStarts |= multiline;
                inputStart |= !multiline;
                return true;
            }
            if (c == '(') {
                return ofGroup(alt, i, multiline, boundary, out);
            }
            if (c == '[') {
                return ofClass(alt, i, boundary, out);
            }
            String literal = literalRun(alt, i);
            if (literal.isEmpty()) {
                return false;
            }
            out.add(new Start(literal, boundary));
            return true;
        }

        private boolean ofGroup(String alt, int open, boolean multiline, boolean boundary, Set<Start> out) {
            int close = closing(alt, open);
            if (close < 0 || optional(alt, close + 1)) {
                return false;
            }
            String inner = alt.substring(open + 1, close);
            if (inner.startsWith("?:")) {
                inner = inner.substring(2);
            } else if (inner.startsWith("?")) {
                return false;
            }
            List<String> members = alternatives(inner);
            String after = alt.substring(close + 1);
            boolean plain = members.stream()
                    .allMatch(m -> !m.isEmpty() && literalRun(m, 0).equals(m.toLowerCase(Locale.ROOT)));
            if (plain && members.size() <= MAX_EXPANDED) {
                // Every member is plain text: each start is the member followed by the literal text after the group.
                for (String member : members) {
                    if (!ofAlternative(member + after, multiline, boundary, out)) {
                        return false;
                    }
                }
                return true;
            }
            for (String member : members) {
                if (!ofAlternative(member, multiline, boundary, out)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean ofClass(String alt, int open, boolean boundary, Set<Start> out) {
            int close = alt.indexOf(']', open + 1);
            if (close < 0 || optional(alt, close + 1)) {
                return false;
            }
            String members = alt.substring(open + 1, close);
            if (members.isEmpty() || members.startsWith("^") || members.contains("\\") || members.contains("-")
                    || members.contains("[")) {
                return false;
            }
            for (char c : members.toCharArray()) {
                if (c >= 128) {
                    return false;
                }
                out.add(new Start(String.valueOf(c).toLowerCase(Locale.ROOT), boundary));
            }
            return true;
        }

        /** The literal text at {@code i}, lower case, without a last character that a quantifier makes optional. */
        private static String literalRun(String alt, int i) {
            StringBuilder run = new StringBuilder();
            while (i < alt.length()) {
                char c = alt.charAt(i);
                if (c == '\\' && i + 1 < alt.length() && !Character.isLetterOrDigit(alt.charAt(i + 1))) {
                    c = alt.charAt(i + 1);
                    i += 2;
                } else if (META.indexOf(c) < 0 && c < 128) {
                    i++;
                } else {
                    break;
                }
                if (optional(alt, i)) {
                    break;
                }
                run.append(Character.toLowerCase(c));
                if (i < alt.length() && (alt.charAt(i) == '+')) {
                    break;
                }
            }
            return run.toString();
        }

        /** Whether a quantifier at {@code i} lets the element before it match nothing. */
        private static boolean optional(String alt, int i) {
            if (i >= alt.length()) {
                return false;
            }
            char q = alt.charAt(i);
            return q == '?' || q == '*' || (q == '{' && alt.startsWith("{0", i));
        }

        /** Top-level alternatives: split on {@code |} outside groups, classes and escapes. */
        static List<String> alternatives(String regex) {
            List<String> parts = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    i = classEnd(regex, i);
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '|' && depth == 0) {
                    parts.add(regex.substring(start, i));
                    start = i + 1;
                }
            }
            parts.add(regex.substring(start));
            return parts;
        }

        private static int closing(String regex, int open) {
            int depth = 0;
            for (int i = open; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    i = classEnd(regex, i);
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return i;
                }
            }
            return -1;
        }

        private static int classEnd(String regex, int open) {
            for (int i = open + 1; i < regex.length(); i++) {
                if (regex.charAt(i) == '\\') {
                    i++;
                } else if (regex.charAt(i) == ']' && i > open + 1) {
                    return i;
                }
            }
            return regex.length();
        }
    }
}
