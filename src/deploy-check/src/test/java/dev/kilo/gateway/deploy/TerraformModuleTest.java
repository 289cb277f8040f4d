package dev.kilo.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module's shape: terraform-aws-modules layout, pinned providers, documented inputs and outputs, references. */
class TerraformModuleTest {

    private static final Pattern VAR = Pattern.compile("(?<![\\w.])var\\.([A-Za-z0-9_]+)");
    private static final Pattern LOCAL = Pattern.compile("(?<![\\w.])local\\.([A-Za-z0-9_]+)");
    private static final Pattern DATA = Pattern.compile("(?<![\\w.])data\\.([a-z0-9_]+)\\.([A-Za-z0-9_]+)");
    private static final Pattern RESOURCE = Pattern.compile("(?<![\\w.])((?:aws|random|time)_[a-z0-9_]+)\\.([A-Za-z0-9_]+)");
    private static final Pattern MODULE = Pattern.compile("(?<![\\w.])module\\.([A-Za-z0-9_]+)");
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(\"?[\\w-]+\"?)\\s*=(?![=>])");

    @Test
    void filesAreSplitByResourceFamily() {
        assertTrue(Configs.module().fileNames().containsAll(List.of("versions.tf", "main.tf", "variables.tf",
                "outputs.tf", "lambda.tf", "api.tf", "dynamodb.tf", "iam.tf", "schedule.tf", "secrets.tf")),
                Configs.module().fileNames().toString());
        assertTrue(Files.isRegularFile(TerraformConfig.MODULE.resolve("README.md")));
        assertTrue(Configs.example().fileNames().contains("main.tf"));
    }

    @Test
    void theAwsProviderIsPinnedToAReleaseThatStreams() {
        JsonNode providers = Configs.module().files.get(TerraformConfig.MODULE.resolve("versions.tf"))
                .path("terraform").get(0).path("required_providers").get(0);
        String aws = providers.path("aws").path("version").asText();
        // response_streaming_invoke_arn (used by api.tf) exists from 6.28.0; 7.x may change anything.
        assertEquals(">= 6.28.0, < 7.0.0", aws);
        assertEquals("hashicorp/aws", providers.path("aws").path("source").asText());
        for (String name : List.of("random", "time")) {
            assertTrue(providers.path(name).path("version").asText().contains("<"), name + " has no upper bound");
        }
    }

    @Test
    void everyVariableHasATypeAndADescription() {
        for (TerraformConfig config : List.of(Configs.module(), Configs.example())) {
            config.blocks("variable").forEach((name, body) -> {
                assertFalse(body.path("type").asText().isBlank(), "variable " + name + " has no type");
                assertTrue(body.path("description").asText().length() > 10, "variable " + name + " has no description");
            });
        }
    }

    @Test
    void everyOutputHasADescriptionAndTheDocumentedOnesExist() {
        Map<String, JsonNode> outputs = Configs.module().blocks("output");
        outputs.forEach((name, body) -> assertTrue(body.path("description").asText().length() > 10,
                "output " + name + " has no description"));
        Configs.example().blocks("output").forEach((name, body) -> assertTrue(
                body.path("description").asText().length() > 10, "example output " + name + " has no description"));
        assertTrue(outputs.keySet().containsAll(List.of("base_url", "admin_key", "function_names", "table_names")),
                outputs.keySet().toString());
        assertTrue(outputs.get("base_url").path("value").asText().endsWith("/v1"), "base_url must end in /v1");
        assertTrue(outputs.get("admin_key").path("sensitive").asBoolean(), "admin_key must be sensitive");
    }

    @Test
    void theReadmeListsEveryInputAndOutput() throws IOException {
        String readme = Files.readString(TerraformConfig.MODULE.resolve("README.md"));
        for (String name : Configs.module().blocks("variable").keySet()) {
            assertTrue(readme.contains("`" + name + "`"), "terraform/README.md does not list input " + name);
        }
        for (String name : Configs.module().blocks("output").keySet()) {
            assertTrue(readme.contains("`" + name + "`"), "terraform/README.md does not list output " + name);
        }
    }

    /** What {@code terraform validate} would catch first: a reference to something never declared. */
    @Test
    void everyReferenceIsDeclared() {
        for (TerraformConfig config : List.of(Configs.module(), Configs.example())) {
            Set<String> variables = config.blocks("variable").keySet();
            Set<String> locals = config.locals().keySet();
            Set<String> modules = config.blocks("module").keySet();
            List<String> addresses = config.addresses();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<Path, String> string : config.strings()) {
                String text = string.getValue();
                if (!text.contains("${") && !text.contains("%{")) {
                    continue;
                }
                String where = string.getKey().getFileName() + ": ";
                check(VAR, text, m -> variables.contains(m.group(1)), where + "undeclared var.", problems);
                check(LOCAL, text, m -> locals.contains(m.group(1)), where + "undeclared local.", problems);
                check(MODULE, text, m -> modules.contains(m.group(1)), where + "undeclared module.", problems);
                check(DATA, text, m -> addresses.contains("data." + m.group(1) + "." + m.group(2)),
                        where + "undeclared data.", problems);
                check(RESOURCE, text, m -> addresses.contains(m.group(1) + "." + m.group(2)),
                        where + "undeclared resource ", problems);
            }
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void theExampleUsesTheModuleFromThisRepository() {
        JsonNode module = Configs.example().blocks("module").get("kilo_gateway");
        assertEquals("../..", module.path("source").asText());
    }

    /** Not terraform fmt, but what it would most often change. */
    @Test
    void filesAreFormattedWithTwoSpacesAndNoTrailingBlanks() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TerraformConfig.MODULE)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.contains("\t") || line.endsWith(" ")
                            || (line.length() - line.stripLeading().length()) % 2 != 0) {
                        problems.add(TerraformConfig.MODULE.relativize(file) + ":" + (i + 1));
                    }
                }
            }
        }
        assertEquals(List.of(), problems, "tabs, trailing blanks or odd indentation");
    }

    /**
     * terraform fmt's alignment: consecutive one-line {@code name = value} lines at one indentation have their
     * {@code =} one column after the longest name. A line opening a multi-line value is kept out of such runs (the
     * module puts a blank line before those, which ends a run for certain).
     */
    @Test
    void equalsSignsAlignAsTerraformFmtAlignsThem() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TerraformConfig.MODULE)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                List<Integer> run = new ArrayList<>();
                for (int i = 0; i <= lines.size(); i++) {
                    String line = i < lines.size() ? lines.get(i) : "";
                    Matcher m = ASSIGNMENT.matcher(line);
                    boolean opens = line.endsWith("{") || line.endsWith("[") || line.endsWith("(");
                    boolean continues = m.find() && !opens && (run.isEmpty()
                            || indent(lines.get(run.get(0))) == indent(line));
                    if (!continues) {
                        checkRun(file, lines, run, problems);
                        run.clear();
                        if (m.find(0) && !opens) {
                            run.add(i);
                        }
                    } else {
                        run.add(i);
                    }
                }
            }
        }
        assertEquals(List.of(), problems, "= not aligned as terraform fmt would");
    }

    private static void checkRun(Path file, List<String> lines, List<Integer> run, List<String> problems) {
        if (run.size() < 2) {
            return;
        }
        int longest = 0;
        for (int i : run) {
            longest = Math.max(longest, lines.get(i).substring(0, lines.get(i).indexOf('=')).stripTrailing().length());
        }
        for (int i : run) {
            if (lines.get(i).indexOf('=') != longest + 1) {
                problems.add(TerraformConfig.MODULE.relativize(file) + ":" + (i + 1));
            }
        }
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static void check(Pattern pattern, String text, java.util.function.Predicate<Matcher> declared,
            String message, List<String> problems) {
        Matcher m = pattern.matcher(text);
        Set<String> seen = new TreeSet<>();
        while (m.find()) {
            if (!declared.test(m) && seen.add(m.group())) {
                problems.add(message + m.group().replaceFirst("^(var|local|module|data)\\.", ""));
            }
        }
    }
}
