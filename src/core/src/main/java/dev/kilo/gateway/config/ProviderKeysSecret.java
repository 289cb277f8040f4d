package dev.kilo.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The provider keys secret's format: one JSON object of provider id to API key, {@code {"openai":"sk-...",
 * "anthropic":"sk-ant-..."}}. Pure. Error messages name the secret and the offending provider id, never a value.
 */
final class ProviderKeysSecret {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Provider ids as they appear in model ids and property names. */
    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final String PREFIX = "gateway.providers.";
    private static final String SUFFIX = ".api-key";

    private ProviderKeysSecret() {
    }

    /** {@code gateway.providers.<id>.api-key} for every entry with a non-empty key. */
    static Map<String, String> toProperties(String secretId, String json) {
        if (json == null) {
            throw new IllegalStateException("Secret " + secretId + " has no string value (binary secrets are not read)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the input, which is the secret: leave it out.
            throw new IllegalStateException("Secret " + secretId + " is not JSON: expected {\"<provider id>\":\"<key>\"}");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("Secret " + secretId + " is not a JSON object of provider id to key");
        }
        Map<String, String> properties = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            if (!PROVIDER_ID.matcher(id).matches()) {
                throw new IllegalStateException("Secret " + secretId + ": \"" + id + "\" is not a provider id");
            }
            if (!entry.getValue().isTextual()) {
                throw new IllegalStateException("Secret " + secretId + ": the key of " + id + " is not a string");
            }
            if (!entry.getValue().asText().isBlank()) {
                properties.put(PREFIX + id + SUFFIX, entry.getValue().asText().strip());
            }
        }
        return properties;
    }

    /** The provider ids behind these properties, for logs. */
    static List<String> providerIds(Map<String, String> properties) {
        return properties.keySet().stream()
                .map(name -> name.substring(PREFIX.length(), name.length() - SUFFIX.length()))
                .toList();
    }
}
