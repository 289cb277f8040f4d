package dev.kilo.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/** What the Lambda zips' tests read and check in a zip: entry counts, texts, a jar's main class, executable bits. */
public final class ZipEntries {

    private static final int EXECUTABLE_BY_ALL = 0111;

    private ZipEntries() {
    }

    /** Fails unless the entry is executable by owner, group and others (Lambda runs it as another user). */
    public static void assertExecutable(Path zip, String entry) throws IOException {
        Integer mode = ZipModes.unixModes(zip).get(entry);
        assertNotNull(mode, entry + " carries no Unix mode in " + zip);
        assertTrue((mode & EXECUTABLE_BY_ALL) == EXECUTABLE_BY_ALL, entry + " is not executable by all: mode "
                + Integer.toOctalString(mode));
    }

    /** Files (not directories) whose names start with {@code prefix}. */
    public static long count(ZipFile file, String prefix) {
        return file.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix)).count();
    }

    public static String text(ZipFile file, String entry) throws IOException {
        try (InputStream in = file.getInputStream(file.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The {@code Main-Class} of a jar inside the zip. */
    public static String mainClass(ZipFile file, String jarEntry) throws IOException {
        try (JarInputStream jar = new JarInputStream(file.getInputStream(file.getEntry(jarEntry)))) {
            Manifest manifest = jar.getManifest();
            assertNotNull(manifest, jarEntry + " has no manifest");
            return manifest.getMainAttributes().getValue("Main-Class");
        }
    }
}
