package dev.kilo.gateway.functions.discovery;

import static dev.kilo.gateway.testing.ZipEntries.assertExecutable;
import static dev.kilo.gateway.testing.ZipEntries.count;
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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks the deployment zip that {@code package} built (run by failsafe, after {@code package}). The Quarkus Lambda
 * extension writes it: for the JVM, the legacy-jar runner's entries at the zip's root plus its dependencies under
 * {@code lib/}, the layout of the managed Java runtime, whose handler is Quarkus' {@code QuarkusStreamHandler}; for
 * native, the executable as {@code bootstrap} for {@code provided.al2023}. The build says which it made through the
 * system property {@code lambda.zip.kind}: {@code jvm} or {@code native}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionZipIT {

    private static final Path ZIP = Path.of(System.getProperty("project.build.directory", "target"))
            .resolve("function.zip");
    private static final String KIND = System.getProperty("lambda.zip.kind", "jvm");
    private static final String STREAM_HANDLER = "io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class";

    @Test
    void jvmZipHoldsTheQuarkusApplicationAndItsLibraries() throws IOException {
        assumeTrue(KIND.equals("jvm"), "this build made the native zip");
        assertTrue(Files.isRegularFile(ZIP), "package did not produce " + ZIP);
        try (ZipFile file = new ZipFile(ZIP.toFile())) {
            for (String required : List.of("dev/kilo/gateway/functions/discovery/DiscoveryHandler.class",
                    "io/quarkus/runner/ApplicationImpl.class", "application.properties")) {
                assertNotNull(file.getEntry(required), ZIP + " lacks " + required);
            }
            assertTrue(count(file, "lib/") > 10, "no libraries under lib/");
            assertTrue(hasLibrary(file, "kilo-gateway-core"), "core is not under lib/");
            // What the function's Handler setting names must be loadable from lib/.
            assertTrue(libraryHolds(file, "io.quarkus.quarkus-amazon-lambda-", STREAM_HANDLER),
                    "no " + STREAM_HANDLER + " under lib/");
            assertEquals("discovery", properties(file).getProperty("quarkus.lambda.handler"));
        }
    }

    @Test
    void nativeZipHoldsTheExecutableAsBootstrap() throws IOException {
        assumeTrue(KIND.equals("native"), "this build made the JVM zip");
        assertTrue(Files.isRegularFile(ZIP), "package -Pnative did not produce " + ZIP);
        try (ZipFile file = new ZipFile(ZIP.toFile())) {
            ZipEntry bootstrap = file.getEntry("bootstrap");
            assertNotNull(bootstrap, ZIP + " lacks bootstrap");
            try (InputStream in = file.getInputStream(bootstrap)) {
                assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, in.readNBytes(4), "bootstrap is not an ELF binary");
            }
        }
        assertExecutable(ZIP, "bootstrap");
    }

    private static boolean hasLibrary(ZipFile file, String name) {
        return file.stream().anyMatch(e -> e.getName().startsWith("lib/") && e.getName().contains(name));
    }

    /** Whether a jar under {@code lib/} whose name starts with the prefix holds the entry. */
    private static boolean libraryHolds(ZipFile file, String jarPrefix, String entry) throws IOException {
        for (ZipEntry jar : file.stream().filter(e -> e.getName().startsWith("lib/" + jarPrefix)).toList()) {
            try (ZipInputStream in = new ZipInputStream(file.getInputStream(jar))) {
                for (ZipEntry inner = in.getNextEntry(); inner != null; inner = in.getNextEntry()) {
                    if (inner.getName().equals(entry)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Properties properties(ZipFile file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = file.getInputStream(file.getEntry("application.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
