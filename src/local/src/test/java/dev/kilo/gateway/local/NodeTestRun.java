package dev.kilo.gateway.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the real-client scripts in src/test/js with {@code node --test}, bounded: output goes to a file (a
 * client holding the pipe open cannot block the test), and past the time limit the node process and everything it
 * started are killed. The scripts bound each client themselves as well (run-cli.mjs).
 */
record NodeTestRun(int exitCode, boolean timedOut, String output) {

    static final Path SCRIPT_DIR = Path.of("src/test/js");

    static NodeTestRun run(String script, Map<String, String> env, Duration limit)
            throws IOException, InterruptedException {
        File log = File.createTempFile("node-test-", ".log");
        log.deleteOnExit();
        ProcessBuilder command = new ProcessBuilder(OpenAiSdkTest.node(), "--test", "--test-reporter=spec", script)
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log);
        command.environment().putAll(env);
        Process node = command.start();
        node.getOutputStream().close();
        boolean finished = node.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
        }
        String output = new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
        Files.deleteIfExists(log.toPath());
        System.out.println(output);
        return new NodeTestRun(finished ? node.exitValue() : -1, !finished, output);
    }

    /** Fails unless the run finished in time, exited 0 and passed exactly this many node:test scenarios. */
    void assertPassed(String what, int scenarios) {
        org.junit.jupiter.api.Assertions.assertFalse(timedOut(), what + " was killed at its time limit:\n" + output());
        org.junit.jupiter.api.Assertions.assertEquals(0, exitCode(), what + " against the gateway:\n" + output());
        org.junit.jupiter.api.Assertions.assertTrue(output().contains("pass " + scenarios),
                "all " + scenarios + " scenario(s) of " + what + " ran:\n" + output());
    }
}
