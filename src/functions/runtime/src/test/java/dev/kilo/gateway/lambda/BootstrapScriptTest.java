package dev.kilo.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code src/main/lambda/bootstrap} with a fake {@code java} that prints how it was called, in the two ways
 * Lambda starts it: as the managed runtime's exec wrapper (with the runtime's own command as arguments) and as a
 * custom runtime's bootstrap (no arguments).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BootstrapScriptTest {

    private static final Path SCRIPT = Path.of("src/main/lambda/bootstrap").toAbsolutePath();
    /** What the managed Java runtime passes to an exec wrapper: its own way of starting the JVM. */
    private static final List<String> MANAGED_RUNTIME_COMMAND = List.of("/var/lang/bin/java",
            "-XX:MaxHeapSize=445645k", "-jar", "/var/runtime/lib/aws-lambda-java-runtime.jar",
            "io.quarkus.amazon.lambda.runtime.Handler");

    @TempDir
    Path dir;

    private Path emptyBin;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        assertTrue(Files.isRegularFile(SCRIPT), "missing " + SCRIPT);
        emptyBin = Files.createDirectories(dir.resolve("empty-bin"));
    }

    @Test
    void asExecWrapperIgnoresTheManagedRuntimesCommandAndUsesJavaHome() throws Exception {
        Path java = fakeJava("jdk/bin");

        Result result = run(MANAGED_RUNTIME_COMMAND, Map.of("JAVA_HOME", dir.resolve("jdk").toString(),
                "LAMBDA_TASK_ROOT", "/var/task", "GATEWAY_INTERNAL_PORT", "9123", "PATH", emptyBin.toString()));

        assertEquals(0, result.exit(), result.stderr());
        List<String> call = result.stdoutLines();
        assertEquals(java.toString(), call.get(0));
        assertTrue(call.contains("-Dquarkus.http.host=127.0.0.1"), call.toString());
        assertTrue(call.contains("-Dquarkus.http.port=9123"), call.toString());
        assertEquals(List.of("-jar", "/var/task/quarkus-app/quarkus-run.jar"), call.subList(call.size() - 2,
                call.size()));
        for (String lambdaArgument : MANAGED_RUNTIME_COMMAND) {
            if (lambdaArgument.equals("-jar")) {
                continue;
            }
            assertFalse(call.subList(1, call.size()).contains(lambdaArgument), "passed on " + lambdaArgument);
        }
    }

    @Test
    void asCustomRuntimeBootstrapFallsBackToJavaOnPath() throws Exception {
        assumeNoWellKnownJava();
        Path java = fakeJava("path-bin");

        // A JAVA_HOME without a java in it must not stop the search.
        Result result = run(List.of(), Map.of("JAVA_HOME", dir.resolve("no-such-jdk").toString(),
                "LAMBDA_TASK_ROOT", "/var/task", "PATH", java.getParent() + ":" + emptyBin));

        assertEquals(0, result.exit(), result.stderr());
        List<String> call = result.stdoutLines();
        assertEquals(java.toString(), call.get(0));
        assertTrue(call.contains("-Dquarkus.http.port=8080"), call.toString());
        assertTrue(call.contains("-XX:+UseSerialGC"), "default JVM options missing: " + call);
        assertEquals("/var/task/quarkus-app/quarkus-run.jar", call.get(call.size() - 1));
    }

    @Test
    void jvmOptionsCanBeReplaced() throws Exception {
        fakeJava("jdk/bin");

        Result result = run(List.of(), Map.of("JAVA_HOME", dir.resolve("jdk").toString(),
                "JAVA_TOOL_OPTIONS_GATEWAY", "-Xmx300m -XX:+UseParallelGC", "PATH", emptyBin.toString()));

        List<String> call = result.stdoutLines();
        assertEquals(List.of("-Xmx300m", "-XX:+UseParallelGC"), call.subList(1, 3));
        assertFalse(call.contains("-XX:+UseSerialGC"), call.toString());
    }

    @Test
    void failsClearlyWithoutAnyJava() throws Exception {
        assumeNoWellKnownJava();

        Result result = run(MANAGED_RUNTIME_COMMAND, Map.of("PATH", emptyBin.toString()));

        assertEquals(127, result.exit());
        assertTrue(result.stderr().contains("no Java runtime found"), result.stderr());
    }

    /** The script prefers these to PATH; on a machine that has one, the PATH tests say nothing. */
    private static void assumeNoWellKnownJava() {
        for (String java : List.of("/opt/java/bin/java", "/var/lang/bin/java")) {
            assumeFalse(Files.isExecutable(Path.of(java)), java + " exists here and would be chosen");
        }
    }

    private record Result(int exit, String stdout, String stderr) {
        List<String> stdoutLines() {
            return stdout.lines().toList();
        }
    }

    /** A {@code java} that prints its own path and then each argument on its own line. */
    private Path fakeJava(String binDir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(binDir));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$0\"\nfor arg in \"$@\"; do echo \"$arg\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** Runs the script with exactly {@code env} (nothing inherited, like a fresh execution environment). */
    private Result run(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the bootstrap script did not finish");
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
