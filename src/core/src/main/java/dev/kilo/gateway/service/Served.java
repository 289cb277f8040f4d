package dev.kilo.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.catalog.Target;

/** A whole answer and who served it. */
public record Served(Target target, ObjectNode body) {
}
