package dev.kilo.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gated search finds exactly what {@link Matcher#find} finds, on the patterns the router scans text with. */
class GatedPatternTest {

    /** Every gated pattern of the classifier and the signal extractor. */
    static Map<String, GatedPattern> routerPatterns() {
        Map<String, GatedPattern> patterns = new LinkedHashMap<>();
        patterns.put("title", TaskClassifier.TITLE_TEXT);
        patterns.put("architecture", TaskClassifier.ARCHITECTURE_TEXT);
        patterns.put("debug", TaskClassifier.DEBUG_TEXT);
        patterns.put("edit verb", TaskClassifier.EDIT_VERB);
        patterns.put("code noun", TaskClassifier.CODE_NOUN);
        patterns.put("question start", TaskClassifier.QUESTION_START);
        patterns.put("code line", SignalExtractor.CODE_LINE);
        patterns.put("diff", SignalExtractor.DIFF);
        patterns.put("stack trace", SignalExtractor.STACK);
        patterns.put("plan mode", SignalExtractor.PLAN_MODE);
        return patterns;
    }

    /** Texts that hit and nearly hit every alternative: the patterns' own words, mixed with case, lines, Unicode. */
    static List<String> texts(int count, long seed) {
        List<String> vocabulary = new ArrayList<>(List.of("Traceback (most recent call last)", "  at com.x.Y.z(Y.java:3)",
                "File \"a.py\", line 3", "error[E0308]", "error TS2345", "panic: boom", "goroutine 7 [running]",
                "ValueError: bad", "Exception", "FAILED (failures=1)", "diff --git a/x b/x", "@@ -1,2 +1,2 @@",
                "--- a/x", "+++ b/x", "<<<<<<< HEAD", ">>>>>>> main", "def f():", "class A", "SELECT 1",
                "return x;", "if (a) {", "}", "parser.py", "a.json", "x.jsonl", "é.py", "naïve.ts", "write a title",
                "generate a short commit message", "summarize the conversation", "in 5 words", "at most ten words",
                "fix the bug", "a weird bug", "doesn't work", "doesnt work", "stack trace", "stacktrace",
                "why does it fail", "why is this so slow", "trade-offs", "tradeoff", "scalability", "design a cache",
                "plan for", "should we use", "which database", "evaluate the options", "evaluate options",
                "plan mode is active", "You are in Plan Mode", "optimise", "optimize", "wire up", "tell me",
                "microservice", "crashed", "crashing", "hangs", "throws", "_id", "x_y", "K", "İ", "ſ"));
        for (GatedPattern p : routerPatterns().values()) {
            for (String word : p.pattern().pattern().split("[^A-Za-z]+")) {
                if (word.length() > 1) {
                    vocabulary.add(word);
                }
            }
        }
        String[] separators = {" ", " ", " ", "  ", "\n", "\r\n", "\r", "\t", ", ", ". ", "? ", "! ", "'", "-", "_",
            "é", "\u2028", "\u0085", ";\n", " {\n", "```", "\n\n  ", "(", ")", ":", "/", "."};
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(40);
            for (int w = 0; w < words; w++) {
                String word = vocabulary.get(random.nextInt(vocabulary.size()));
                word = switch (random.nextInt(6)) {
                    case 0 -> word.toUpperCase(Locale.ROOT);
                    case 1 -> word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
                    case 2 -> word.toLowerCase(Locale.ROOT);
                    default -> word;
                };
                text.append(word).append(separators[random.nextInt(separators.length)]);
            }
            texts.add(random.nextBoolean() ? text.toString().strip() : text.toString());
        }
        return texts;
    }

    @Test
    void everyPatternTheRouterScansWithIsGated() {
        routerPatterns().forEach((name, p) -> assertTrue(p.gated(), name + " is searched at every position"));
    }

    @Test
    void findsTheSameFirstMatchAndGroupsAsMatcherFind() {
        Random random = new Random(7);
        for (Map.Entry<String, GatedPattern> entry : routerPatterns().entrySet()) {
            int matched = 0;
            for (String text : texts(3_000, entry.getKey().hashCode())) {
                int from = random.nextInt(4) == 0 ? random.nextInt(text.length() + 1) : 0;
                Matcher expected = entry.getValue().pattern().matcher(text);
                boolean found = expected.find(from);
                Matcher actual = entry.getValue().find(text, from);
                assertEquals(found, actual != null, entry.getKey() + " on " + text);
                if (found) {
                    matched++;
                    assertEquals(expected.start(), actual.start(), entry.getKey() + " on " + text);
                    assertEquals(expected.group(), actual.group(), entry.getKey() + " on " + text);
                    for (int g = 1; g <= expected.groupCount(); g++) {
                        assertEquals(expected.group(g), actual.group(g), entry.getKey() + " group " + g + " on " + text);
                    }
                }
            }
            // The comparison means something only if both outcomes are common.
            assertTrue(matched > 100 && matched < 2_990, entry.getKey() + " matched " + matched + " of 3000");
        }
    }

    @Test
    void anOptionalCharacterIsNotPartOfTheStart() {
        GatedPattern p = GatedPattern.compile("(?i)\\btrade-?offs?\\b|doesn'?t work");
        assertTrue(p.gated());
        assertEquals("tradeoff", p.find("a TRADEOFF here").group().toLowerCase(Locale.ROOT));
        assertEquals("doesnt work", p.find("it doesnt work").group());
    }

    @Test
    void lineAnchorsAreTriedAfterEveryLineTerminator() {
        GatedPattern p = GatedPattern.compile("(?m)^\\s*def ");
        assertEquals(5, p.find("x = 1\r\n  def f():").start() - 2);
        assertNotNull(p.find("x\u2028def g"));
        assertNull(p.find("x def g"));
    }

    @Test
    void aPatternWithoutALiteralStartIsSearchedEverywhere() {
        GatedPattern p = GatedPattern.compile("\\w+@\\w+");
        assertFalse(p.gated());
        assertEquals("a@b", p.find("mail a@b now").group());
    }

    @Test
    void aFileNameIsFoundAsTheWholeCodeNounPatternFoundIt() {
        Pattern original = Pattern.compile("(?i)\\b(function|method|class|module|file|test|tests"
                + "|endpoint|api|component|script|flag|option|field|column|query|type|interface|struct|handler|route|"
                + "parser|cli|config|code|variable|import|dependency|schema|migration|hook|service|controller|docstring"
                + "|readme|logging|\\w+\\.(py|js|ts|java|go|rs|rb|kt|cs|cpp|c|h|tsx|jsx|json|yaml|yml|toml|sql|md))\\b");
        int files = 0;
        for (String text : texts(5_000, 11)) {
            boolean split = TaskClassifier.CODE_NOUN.foundIn(text) || TaskClassifier.namesAFile(text);
            assertEquals(original.matcher(text).find(), split, text);
            files += TaskClassifier.namesAFile(text) ? 1 : 0;
        }
        assertTrue(files > 500, "file names in " + files + " texts");
    }

    @Test
    void wordsAreCountedAsSplittingOnWhitespaceCountsThem() {
        for (String text : texts(2_000, 13)) {
            String stripped = text.strip();
            int expected = stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
            assertEquals(expected, TaskClassifier.words(text), text);
        }
        assertEquals(0, TaskClassifier.words(" \n "));
        assertEquals(2, TaskClassifier.words("a\u2003b c"), "an em space is no regex \\s");
    }
}
