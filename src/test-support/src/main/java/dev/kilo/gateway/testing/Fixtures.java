package dev.kilo.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Recorded upstream wire formats under {@code fixtures/} on the classpath. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SSE transcript split into its events (each ending with its blank line), as a server sends them. */
    public static List<String> sseEvents(String path) {
        List<String> events = new ArrayList<>();
        for (String event : text(path).split("\n\n")) {
            if (!event.isBlank()) {
                events.add(event.strip() + "\n\n");
            }
        }
        return events;
    }
}
