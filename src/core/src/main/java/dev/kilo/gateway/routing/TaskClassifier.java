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

    private static final Pattern TITLE_TEXT = Pattern.compile("(?i)\\b(generate|write|create|suggest|give me|make)"
            + "\\b[^.?!\\n]{0,40}\\b(title|commit message|summary|name for (this|the) (conversation|chat|session))"
            + "|^\\s*summari[sz]e (this|the) (conversation|chat|session|thread)"
            + "|\\b(in|under|at most) (\\d+|three|four|five|six|eight|ten) words\\b");
    private static final Pattern ARCHITECTURE_TEXT = Pattern.compile("(?i)\\b(architecture|architect|system design"
            + "|design (a|an|the|our)|trade-?offs?|scalab\\w+|migration (plan|strategy)|migrate (from|to|our|the)"
            + "|roadmap|step-by-step plan|high-level plan|implementation plan|plan (out|for)|pros and cons|"
            + "should (we|i) (use|pick|choose|go with)|which (approach|design|database|framework)|consistency model"
            + "|distributed|microservices?|rfc|threat model|evaluate (the )?options)\\b");
    private static final Pattern DEBUG_TEXT = Pattern.compile("(?i)(\\bfix (the|this|a|that) (bug|crash|error|"
            + "failing|failure|issue|test|regression|exception)|\\b(a|the|this|that|weird|strange|nasty) bug\\b|"
            + "\\bbug (in|where|when|with|that)\\b|\\bcrash(es|ed|ing)?\\b|doesn'?t work|"
            + "not working|\\bfails?\\b|\\bfailing\\b|\\bbroken\\b|\\bregression\\b|\\bdeadlocks?\\b|race condition|"
            + "memory leak|\\bflaky\\b|\\bhangs?\\b|\\bsegfault|stack ?trace|\\bthrows?\\b|\\bdebug\\b|\\binvestigate\\b"
            + "|why (is|does|do|are|did)\\b[^?]{0,80}\\b(fail|wrong|slow|null|empty|crash|hang|break|leak|block|"
            + "timeout|time out|missing))");
    private static final Pattern EDIT_VERB = Pattern.compile("(?i)\\b(add|implement|refactor|rename|change|update|"
            + "write|create|remove|delete|convert|move|extract|replace|modify|port|rewrite|apply|wire up|hook up|"
            + "introduce|make|generate|split|inline|optimi[sz]e)\\b");
    private static final Pattern CODE_NOUN = Pattern.compile("(?i)\\b(function|method|class|module|file|test|tests"
            + "|endpoint|api|component|script|flag|option|field|column|query|type|interface|struct|handler|route|"
            + "parser|cli|config|code|variable|import|dependency|schema|migration|hook|service|controller|docstring"
            + "|readme|logging|\\w+\\.(py|js|ts|java|go|rs|rb|kt|cs|cpp|c|h|tsx|jsx|json|yaml|yml|toml|sql|md))\\b");
    private static final Pattern QUESTION_START = Pattern.compile("(?i)^\\s*(what|how|why|where|when|which|who|is|"
            + "are|can|could|does|do|did|should|would|will|explain|tell me|describe)\\b");
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
        String prose = FENCED.matcher(s.instruction() == null ? "" : s.instruction()).replaceAll(" ");
        int proseWords = words(prose);
        Matcher title = TITLE_TEXT.matcher(prose);
        if (proseWords <= QUICK_WORDS && title.find()) {
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
        Matcher design = ARCHITECTURE_TEXT.matcher(prose);
        if (design.find()) {
            return new Classification(TaskClass.ARCHITECTURE, "design wording (\"" + design.group().strip() + "\")");
        }
        Matcher bug = DEBUG_TEXT.matcher(prose);
        if (bug.find()) {
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
        Matcher verb = EDIT_VERB.matcher(prose);
        if (verb.find() && (s.hasCode() || CODE_NOUN.matcher(prose).find())) {
            return new Classification(TaskClass.CODE_EDIT, "asks to change code (\"" + verb.group() + "\")");
        }
        if (deep(s)) {
            return new Classification(TaskClass.ARCHITECTURE, "reasoning_effort " + s.reasoningEffort());
        }
        if (proseWords <= QUICK_WORDS && (prose.contains("?") || QUESTION_START.matcher(prose).find())) {
            return new Classification(TaskClass.QUICK_QUESTION, "a short question (" + proseWords + " words"
                    + (s.hasCode() ? " besides the code" : "") + ")");
        }
        return new Classification(TaskClass.OTHER, "no coding signal");
    }

    private static boolean deep(RequestSignals s) {
        return "high".equals(s.reasoningEffort()) || "xhigh".equals(s.reasoningEffort());
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
