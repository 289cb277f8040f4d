package dev.kilo.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.catalog.Target;
import java.util.Map;

/** A whole answer, who served it, and response headers about its cost, limits and route. */
public record Served(Target target, ObjectNode body, Map<String, String> headers) {
}
