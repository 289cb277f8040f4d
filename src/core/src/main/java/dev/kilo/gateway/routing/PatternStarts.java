package dev.kilo.gateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads, from a regular expression's own text, the literal text each of its alternatives must begin with, for
 * {@link GatedPattern}. Conservative: whatever it cannot read with certainty (a start that is a class of characters
 * with ranges, {@code \w}, an optional group) makes {@link #ofAlternation} answer false, and the pattern is then
 * searched at every position.
 */
final class PatternStarts {

    /** Most members of a leading group that are expanded with the literal text after it. */
    private static final int MAX_EXPANDED = 64;
    private static final String META = "\\[](){}.*+?^$|";

    /** The literal text an alternative begins with (lower case), and whether {@code \b} comes right before it. */
    record Start(String text, boolean afterBoundary) {
    }

    final Set<Start> literals = new LinkedHashSet<>();
    boolean inputStart;
    boolean lineStarts;

    /** Reads every top-level alternative; false as soon as one has no start this class can read. */
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
        for (int i = 0; i < regex.length(); i = literalEnd(regex, i) + 1) {
            char c = regex.charAt(i);
            if (c == '(') {
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
        for (int i = open; i < regex.length(); i = literalEnd(regex, i) + 1) {
            char c = regex.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the element at {@code i} ends when it is an escape or a character class, whose parentheses and bars are
     * literal; {@code i} itself otherwise. Both structural scans step over such elements this way.
     */
    private static int literalEnd(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '\\') {
            return i + 1;
        }
        return c == '[' ? classEnd(regex, i) : i;
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
