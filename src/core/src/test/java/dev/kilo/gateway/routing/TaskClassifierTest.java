package dev.kilo.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.routing.RoutingFixtures.Labelled;
import dev.kilo.gateway.routing.TaskClassifier.Classification;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The classifier against a labelled set of coding-agent requests (routing/labelled-requests.jsonl). */
class TaskClassifierTest {

    static List<Labelled> labelled() {
        return RoutingFixtures.labelled("/routing/labelled-requests.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labelled")
    void classifiesTheLabelledRequest(Labelled request) {
        Classification result = TaskClassifier.classify(RoutingFixtures.signals(request.body(), request.headers()));
        assertEquals(request.label(), result.taskClass().wire(), request.id() + " decided by " + result.decidedBy());
        assertTrue(!result.decidedBy().isBlank());
    }

    @Test
    void theLabelledSetCoversEveryClass() {
        Set<String> labels = labelled().stream().map(Labelled::label).collect(Collectors.toSet());
        Set<String> classes = EnumSet.allOf(TaskClass.class).stream().map(TaskClass::wire).collect(Collectors.toSet());
        assertEquals(classes, labels);
    }

    @Test
    void theModeHeaderDecidesAndIsNamed() {
        Classification result = TaskClassifier.classify(RoutingFixtures.signals(
                RoutingFixtures.userChat("add a flag"), Map.of("x-kilocode-mode", "architect")));
        assertEquals(TaskClass.ARCHITECTURE, result.taskClass());
        assertEquals("x-kilocode-mode: architect", result.decidedBy());
    }

    @Test
    void aShortHardQuestionIsNotQuick() {
        Classification result = TaskClassifier.classify(RoutingFixtures.signals(
                RoutingFixtures.userChat("Why does this deadlock under load?"), Map.of()));
        assertEquals(TaskClass.DEBUGGING, result.taskClass());
    }

    @Test
    void aLongPasteWithAnEasyQuestionStaysQuick() {
        String file = "def f(x):\n    return x + 1\n".repeat(2_000);
        RequestSignals signals = RoutingFixtures.signals(RoutingFixtures.userChat("```python\n" + file
                + "```\nWhat does f return for 1?"), Map.of());
        assertTrue(signals.promptTokens() > 20_000, "counted " + signals.promptTokens());
        assertEquals(TaskClass.QUICK_QUESTION, TaskClassifier.classify(signals).taskClass());
    }

    @Test
    void anUnknownModeHeaderIsIgnored() {
        Classification result = TaskClassifier.classify(RoutingFixtures.signals(
                RoutingFixtures.userChat("How do I list git tags?"), Map.of("x-kilocode-mode", "my-custom-mode")));
        assertEquals(TaskClass.QUICK_QUESTION, result.taskClass());
    }
}
