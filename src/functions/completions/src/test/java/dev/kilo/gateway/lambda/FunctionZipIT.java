package dev.kilo.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    private static final int EXECUTABLE_BY_ALL = 0111;

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

    private static void assertExecutable(Path zip, String entry) throws IOException {
        Integer mode = unixModes(zip).get(entry);
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

    /**
     * Entry name to permission bits, from the central directory (APPNOTE.TXT 4.3.12): entries made on Unix
     * (upper byte of "version made by" = 3) keep {@code st_mode} in the upper 16 bits of the external attributes.
     */
    static Map<String, Integer> unixModes(Path zip) throws IOException {
        ByteBuffer directory = centralDirectory(zip);
        Map<String, Integer> modes = new HashMap<>();
        while (directory.remaining() >= 46 && directory.getInt(directory.position()) == 0x02014b50) {
            int start = directory.position();
            int madeBy = Short.toUnsignedInt(directory.getShort(start + 4)) >> 8;
            int nameLength = Short.toUnsignedInt(directory.getShort(start + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(start + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(start + 32));
            int external = directory.getInt(start + 38);
            byte[] name = new byte[nameLength];
            directory.get(start + 46, name);
            if (madeBy == 3) {
                modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 07777);
            }
            directory.position(start + 46 + nameLength + extraLength + commentLength);
        }
        return modes;
    }

    /** Finds the end-of-central-directory record (at most 64 KiB of comment after it) and reads the directory. */
    private static ByteBuffer centralDirectory(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            int tailLength = (int) Math.min(channel.size(), 22 + 65_535);
            ByteBuffer tail = read(channel, channel.size() - tailLength, tailLength);
            for (int at = tailLength - 22; at >= 0; at--) {
                if (tail.getInt(at) == 0x06054b50) {
                    long size = Integer.toUnsignedLong(tail.getInt(at + 12));
                    long offset = Integer.toUnsignedLong(tail.getInt(at + 16));
                    return read(channel, offset, (int) size);
                }
            }
            throw new AssertionError(zip + " has no end-of-central-directory record");
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // FileChannel.read may return fewer bytes than asked for.
        }
        return buffer.flip();
    }
}
