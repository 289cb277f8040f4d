package dev.kilo.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.catalog.Target;
import java.util.Map;
import io.smallrye.mutiny.Multi;

/**
 * A stream that has started (its first chunk is in), and who serves it. A failure from here on can only be
 * reported in-band.
 */
public record ServedStream(Target target, Multi<ObjectNode> chunks, Map<String, String> headers) {
}
