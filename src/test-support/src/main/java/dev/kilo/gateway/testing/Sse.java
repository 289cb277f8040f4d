package dev.kilo.gateway.testing;

import java.util.ArrayList;
import java.util.List;

/** Reads a server-sent events body the way OpenAI's SDKs do, for assertions. */
public final class Sse {

    private Sse() {
    }

    /** The {@code data:} payloads in order, {@code [DONE]} included. Fails on anything that is not SSE framing. */
    public static List<String> data(String body) {
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("An SSE body ends with a blank line: " + tail(body));
        }
        List<String> data = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.isEmpty()) {
                continue;
            }
            if (!event.startsWith("data: ") || event.contains("\n")) {
                throw new AssertionError("Not an OpenAI SSE event: " + event);
            }
            data.add(event.substring("data: ".length()));
        }
        return data;
    }

    private static String tail(String body) {
        return body.length() < 200 ? body : body.substring(body.length() - 200);
    }
}
