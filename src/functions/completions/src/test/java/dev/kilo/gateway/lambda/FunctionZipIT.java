package dev.kilo.gateway.lambda;

import static dev.kilo.gateway.testing.ZipEntries.assertExecutable;
import static dev.kilo.gateway.testing.ZipEntries.count;
import static dev.kilo.gateway.testing.ZipEntries.text;
import static dev.kilo.gateway.testing.ZipEntries.mainClass;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks the deployment zips that {@code package} built (run by failsafe, after {@code package}): what Lambda needs
 * at the zip's root, and the {@code bootstrap}'s executable bit, which Lambda requires and which a zip keeps only in
 * its central directory's Unix mode bits ({@link ZipEntry} does not expose them, so they are read here directly).
 * The build says which zip it made through the system property {@code lambda.zip.kind}: {@code jvm} or
 * {@code native}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionZipIT {

    private static final Path TARGET = Path.of(System.getProperty("project.build.directory", "target"));
    private static final String KIND = System.getProperty("lambda.zip.kind", "jvm");

    @Test
    void jvmZipHoldsTheFastJarAndTheBootstrap() throws IOException {
        assumeTrue(KIND.equals("jvm"), "this build made the native zip");
        Path zip = TARGET.resolve("function.zip");
        assertTrue(Files.isRegularFile(zip), "package did not produce " + zip);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (String required : List.of("bootstrap", "quarkus-app/quarkus-run.jar",
                    "quarkus-app/quarkus/quarkus-application.dat")) {
                assertNotNull(file.getEntry(required), zip + " lacks " + required);
            }
            assertTrue(count(file, "quarkus-app/lib/boot/") > 0, "no boot libraries");
            assertTrue(count(file, "quarkus-app/lib/main/") > 10, "no application libraries");
            assertTrue(count(file, "quarkus-app/app/") > 0, "no application jar");
            assertEquals("io.quarkus.bootstrap.runner.QuarkusEntryPoint",
                    mainClass(file, "quarkus-app/quarkus-run.jar"));
            String script = text(file, "bootstrap");
            assertTrue(script.startsWith("#!/bin/sh\n"), "bootstrap is not a shell script");
            // The script and the zip layout must agree on where the fast-jar lives.
            assertTrue(script.contains("/quarkus-app/quarkus-run.jar"), "bootstrap starts something else");
        }
        assertExecutable(zip, "bootstrap");
    }

    @Test
    void nativeZipHoldsOnlyTheExecutableAsBootstrap() throws IOException {
        assumeTrue(KIND.equals("native"), "this build made the JVM zip");
        Path zip = TARGET.resolve("function-native.zip");
        assertTrue(Files.isRegularFile(zip), "package -Pnative did not produce " + zip);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertEquals(List.of("bootstrap"), file.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName)
                    .toList());
            try (InputStream in = file.getInputStream(file.getEntry("bootstrap"))) {
                assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, in.readNBytes(4), "bootstrap is not an ELF binary");
            }
        }
        assertExecutable(zip, "bootstrap");
    }
}
