package dev.kilo.gateway.routing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a request in a {@link TaskClass} from its {@link RequestSignals}. Ordered rules, first match wins, and the
 * rule that matched is named in the decision ("which signal decided"). The order encodes how much each signal is
 * trusted: a client saying what it is doing (title request, architect or debug mode) beats anything read from text;
 * strong text evidence (a stack trace, design vocabulary) refines the generic code and ask modes; length alone never
 * decides, so a long paste with an easy question stays a quick question and a short hard question is not cheap.
 */
public final class TaskClassifier {

    /** The class and the signal that decided it, in plain words. */
    public record Classification(TaskClass taskClass, String decidedBy) {
    }

    // Gated patterns (see GatedPattern): the classifier runs them over up to 6,000 characters per request.
    static final GatedPattern TITLE_TEXT = GatedPattern.compile("(?i)\\b(generate|write|create|suggest"
            + "|give me|make)\\b[^.?!\\n]{0,40}\\b(title|commit message|summary"
            + "|name for (this|the) (conversation|chat|session))"
            + "|^\\s*summari[sz]e (this|the) (conversation|chat|session|thread)"
            + "|\\b(in|under|at most) (\\d+|three|four|five|six|eight|ten) words\\b");
    static final GatedPattern ARCHITECTURE_TEXT = GatedPattern.compile("(?i)\\b(architecture|architect"
            + "|system design|design (a|an|the|our)|trade-?offs?|scalab\\w+|migration (plan|strategy)"
            + "|migrate (from|to|our|the)"
            + "|roadmap|step-by-step plan|high-level plan|implementation plan|plan (out|for)|pros and cons|"
            + "should (we|i) (use|pick|choose|go with)|which (approach|design|database|framework)|consistency model"
            + "|distributed|microservices?|rfc|threat model|evaluate (the )?options)\\b");
    static final GatedPattern DEBUG_TEXT = GatedPattern.compile("(?i)(\\bfix (the|this|a|that) (bug|crash"
            + "|error|failing|failure|issue|test|regression|exception)"
            + "|\\b(a|the|this|that|weird|strange|nasty) bug\\b|"
            + "\\bbug (in|where|when|with|that)\\b|\\bcrash(es|ed|ing)?\\b|doesn'?t work|"
            + "not working|\\bfails?\\b|\\bfailing\\b|\\bbroken\\b|\\bregression\\b|\\bdeadlocks?\\b|race condition|"
            + "memory leak|\\bflaky\\b|\\bhangs?\\b|\\bsegfault|stack ?trace|\\bthrows?\\b|\\bdebug\\b|\\binvestigate\\b"
            + "|why (is|does|do|are|did)\\b[^?]{0,80}\\b(fail|wrong|slow|null|empty|crash|hang|break|leak|block|"
            + "timeout|time out|missing))");
    static final GatedPattern EDIT_VERB = GatedPattern.compile("(?i)\\b(add|implement|refactor|rename|change"
            + "|update|write|create|remove|delete|convert|move|extract|replace|modify|port|rewrite|apply|wire up"
            + "|hook up|"
            + "introduce|make|generate|split|inline|optimi[sz]e)\\b");
    static final GatedPattern CODE_NOUN = GatedPattern.compile("(?i)\\b(function|method|class|module|file"
            + "|test|tests|endpoint|api|component|script|flag|option|field|column|query|type|interface|struct|handler"
            + "|route|parser|cli|config|code|variable|import|dependency|schema|migration|hook|service|controller"
            + "|docstring|readme|logging)\\b");
    /** A file name with a code extension, the other kind of code noun: tried from the word before each dot. */
    static final Pattern FILE_NAME = Pattern.compile("(?i)\\b\\w+\\.(py|js|ts|java|go|rs|rb|kt|cs|cpp|c|h|tsx"
            + "|jsx|json|yaml|yml|toml|sql|md)\\b");
    static final GatedPattern QUESTION_START = GatedPattern.compile("(?i)^\\s*(what|how|why|where|when|which"
            + "|who|is|are|can|could|does|do|did|should|would|will|explain|tell me|describe)\\b");
    private static final Pattern FENCED = Pattern.compile("(?s)```.*?(```|$)");
    /** A question longer than this (without its code) is not "quick", whatever it asks. */
    static final int QUICK_WORDS = 60;

    private TaskClassifier() {
    }

    public static Classification classify(RequestSignals s) {
        String mode = s.mode();
        String modeSaid = s.modeSource() + ": " + mode;
        if ("title".equals(mode)) {
            return new Classification(TaskClass.TITLE, modeSaid);
        }
        if (s.fillInTheMiddle()) {
            return new Classification(TaskClass.COMPLETION, "a text completion (/v1/completions)");
        }
        String instruction = s.instruction() == null ? "" : s.instruction();
        String prose = instruction.contains("```") ? FENCED.matcher(instruction).replaceAll(" ") : instruction;
        int proseWords = words(prose);
        Matcher title = proseWords <= QUICK_WORDS ? TITLE_TEXT.find(prose) : null;
        if (title != null) {
            return new Classification(TaskClass.TITLE, "asks for a title or summary (\"" + title.group().strip() + "\")");
        }
        if ("architect".equals(mode) || "plan".equals(mode)) {
            return new Classification(TaskClass.ARCHITECTURE, modeSaid);
        }
        if ("debug".equals(mode)) {
            return new Classification(TaskClass.DEBUGGING, modeSaid);
        }
        if (s.hasStackTrace()) {
            return new Classification(TaskClass.DEBUGGING, "a stack trace or error output in the request");
        }
        Matcher design = ARCHITECTURE_TEXT.find(prose);
        if (design != null) {
            return new Classification(TaskClass.ARCHITECTURE, "design wording (\"" + design.group().strip() + "\")");
        }
        Matcher bug = DEBUG_TEXT.find(prose);
        if (bug != null) {
            return new Classification(TaskClass.DEBUGGING, "bug wording (\"" + bug.group().strip() + "\")");
        }
        if ("review".equals(mode)) {
            return new Classification(TaskClass.DEBUGGING, modeSaid + " (a review reads code for defects)");
        }
        return byIntent(s, mode, modeSaid, prose, proseWords);
    }

    /** No decisive signal so far: what the turn asks to do. */
    private static Classification byIntent(RequestSignals s, String mode, String modeSaid, String prose,
            int proseWords) {
        if ("ask".equals(mode)) {
            return deep(s) ? new Classification(TaskClass.ARCHITECTURE, modeSaid + " with reasoning_effort "
                    + s.reasoningEffort()) : new Classification(TaskClass.QUICK_QUESTION, modeSaid);
        }
        if ("code".equals(mode)) {
            return new Classification(TaskClass.CODE_EDIT, modeSaid);
        }
        if (s.hasDiff()) {
            return new Classification(TaskClass.CODE_EDIT, "a diff in the request");
        }
        if (s.inToolLoop()) {
            return new Classification(TaskClass.CODE_EDIT, "an agent's tool loop (the last message is a tool result)");
        }
        Matcher verb = EDIT_VERB.find(prose);
        if (verb != null && (s.hasCode() || CODE_NOUN.foundIn(prose) || namesAFile(prose))) {
            return new Classification(TaskClass.CODE_EDIT, "asks to change code (\"" + verb.group() + "\")");
        }
        if (deep(s)) {
            return new Classification(TaskClass.ARCHITECTURE, "reasoning_effort " + s.reasoningEffort());
        }
        if (proseWords <= QUICK_WORDS && (prose.contains("?") || QUESTION_START.foundIn(prose))) {
            return new Classification(TaskClass.QUICK_QUESTION, "a short question (" + proseWords + " words"
                    + (s.hasCode() ? " besides the code" : "") + ")");
        }
        return new Classification(TaskClass.OTHER, "no coding signal");
    }

    private static boolean deep(RequestSignals s) {
        return "high".equals(s.reasoningEffort()) || "xhigh".equals(s.reasoningEffort());
    }

    /**
     * Whether a file name with a code extension appears. A match's word run ends at a dot, and {@code \\b} can hold
     * inside a run of ASCII word characters only at its first one, so trying the pattern there for each dot finds
     * exactly what a full scan would.
     */
    static boolean namesAFile(String prose) {
        Matcher m = FILE_NAME.matcher(prose).useTransparentBounds(true).useAnchoringBounds(false);
        for (int dot = prose.indexOf('.'); dot > 0; dot = prose.indexOf('.', dot + 1)) {
            int start = dot;
            while (start > 0 && isAsciiWord(prose.charAt(start - 1))) {
                start--;
            }
            if (start < dot && m.region(start, prose.length()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiWord(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    /**
     * Words as {@code text.strip().split("\\s+").length} counts them, without compiling that regex per call:
     * strip() trims Unicode whitespace, and the split separators are runs of the ASCII {@code \\s} set.
     */
    static int words(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return 0;
        }
        int words = 1;
        boolean inSeparator = false;
        for (int i = 0; i < stripped.length(); i++) {
            boolean separator = isRegexSpace(stripped.charAt(i));
            if (separator && !inSeparator) {
                words++;
            }
            inSeparator = separator;
        }
        return words;
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
