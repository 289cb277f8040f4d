package dev.kilo.gateway.functions.router;

import dev.kilo.gateway.testing.ZipModes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks the router function's deployment zip that {@code package} built (run by failsafe, after {@code package}): what Lambda needs
 * at the zip's root, and the {@code bootstrap}'s executable bit, which Lambda requires and which a zip keeps only in
 * its central directory's Unix mode bits ({@link ZipEntry} does not expose them, so they are read here directly).
 * The router function is built as a JVM zip only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionZipIT {

    private static final Path TARGET = Path.of(System.getProperty("project.build.directory", "target"));
    private static final int EXECUTABLE_BY_ALL = 0111;

    @Test
    void jvmZipHoldsTheFastJarAndTheBootstrap() throws IOException {
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

    private static void assertExecutable(Path zip, String entry) throws IOException {
        Integer mode = ZipModes.unixModes(zip).get(entry);
        assertNotNull(mode, entry + " carries no Unix mode in " + zip);
        assertTrue((mode & EXECUTABLE_BY_ALL) == EXECUTABLE_BY_ALL, entry + " is not executable by all: mode "
                + Integer.toOctalString(mode));
    }

    private static long count(ZipFile file, String prefix) {
        return file.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix)).count();
    }

    private static String text(ZipFile file, String entry) throws IOException {
        try (InputStream in = file.getInputStream(file.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String mainClass(ZipFile file, String jarEntry) throws IOException {
        try (JarInputStream jar = new JarInputStream(file.getInputStream(file.getEntry(jarEntry)))) {
            Manifest manifest = jar.getManifest();
            assertNotNull(manifest, jarEntry + " has no manifest");
            return manifest.getMainAttributes().getValue("Main-Class");
        }
    }
}
