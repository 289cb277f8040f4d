package dev.kilo.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Terraform configuration (one directory of .tf files) as HashiCorp's HCL parser reads it, through
 * {@code src/test/js/parse-terraform.mjs} ({@code @cdktf/hcl2json}). Blocks come back in hcl2json's shape:
 * {@code resource.<type>.<name>} and {@code variable.<name>} are arrays of bodies, nested blocks are arrays,
 * expressions are strings such as {@code "${var.name}"}.
 */
final class TerraformConfig {

    static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    static final Path MODULE = REPO.resolve("terraform");
    private static final Path SCRIPT_DIR = Path.of("src/test/js").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parsed files by path. */
    final Map<Path, JsonNode> files;

    private TerraformConfig(Map<Path, JsonNode> files) {
        this.files = files;
    }

    static TerraformConfig parse(Path dir) throws IOException, InterruptedException {
        File out = File.createTempFile("terraform-", ".json");
        File err = File.createTempFile("terraform-", ".err");
        try {
            Process node = new ProcessBuilder(System.getProperty("node", "node"), "parse-terraform.mjs",
                    dir.toString()).directory(SCRIPT_DIR.toFile()).redirectOutput(out).redirectError(err).start();
            node.getOutputStream().close();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new AssertionError("parsing " + dir + " took more than 60 s");
            }
            if (node.exitValue() != 0) {
                throw new AssertionError("HCL parse failed for " + dir + ":\n"
                        + Files.readString(err.toPath(), StandardCharsets.UTF_8));
            }
            Map<Path, JsonNode> files = new LinkedHashMap<>();
            JsonNode parsed = JSON.readTree(out);
            for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> file = it.next();
                files.put(Path.of(file.getKey()), file.getValue());
            }
            return new TerraformConfig(files);
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    /** The file names parsed, e.g. {@code lambda.tf}. */
    List<String> fileNames() {
        return files.keySet().stream().map(p -> p.getFileName().toString()).toList();
    }

    /** Every block of one kind across files: {@code variable}, {@code output}, {@code module}: name → body. */
    Map<String, JsonNode> blocks(String kind) {
        Map<String, JsonNode> blocks = new LinkedHashMap<>();
        for (JsonNode file : files.values()) {
            file.path(kind).fields().forEachRemaining(e -> blocks.put(e.getKey(), e.getValue().get(0)));
        }
        return blocks;
    }

    /** Resources (or, with kind {@code data}, data sources) of one type: name → body. */
    Map<String, JsonNode> resources(String kind, String type) {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        for (JsonNode file : files.values()) {
            file.path(kind).path(type).fields().forEachRemaining(e -> resources.put(e.getKey(), e.getValue().get(0)));
        }
        return resources;
    }

    Map<String, JsonNode> resources(String type) {
        return resources("resource", type);
    }

    /** The body of one resource; fails when it is missing. */
    JsonNode resource(String type, String name) {
        JsonNode body = resources(type).get(name);
        if (body == null) {
            throw new AssertionError("no resource " + type + "." + name + " in " + fileNames());
        }
        return body;
    }

    /** Every declared resource and data source address: {@code aws_lambda_function.this}, {@code data.x.y}. */
    List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        for (JsonNode file : files.values()) {
            file.path("resource").fields().forEachRemaining(type -> type.getValue().fieldNames()
                    .forEachRemaining(name -> addresses.add(type.getKey() + "." + name)));
            file.path("data").fields().forEachRemaining(type -> type.getValue().fieldNames()
                    .forEachRemaining(name -> addresses.add("data." + type.getKey() + "." + name)));
        }
        return addresses;
    }

    /** All locals, merged across files and {@code locals} blocks. */
    Map<String, JsonNode> locals() {
        Map<String, JsonNode> locals = new LinkedHashMap<>();
        for (JsonNode file : files.values()) {
            for (JsonNode block : file.path("locals")) {
                block.fields().forEachRemaining(e -> locals.put(e.getKey(), e.getValue()));
            }
        }
        return locals;
    }

    JsonNode local(String name) {
        JsonNode value = locals().get(name);
        if (value == null) {
            throw new AssertionError("no local." + name);
        }
        return value;
    }

    /** Every string in the configuration (expressions included), with the file it is in. */
    List<Map.Entry<Path, String>> strings() {
        List<Map.Entry<Path, String>> strings = new ArrayList<>();
        files.forEach((path, body) -> collect(path, body, strings));
        return strings;
    }

    private static void collect(Path path, JsonNode node, List<Map.Entry<Path, String>> into) {
        if (node.isTextual()) {
            into.add(Map.entry(path, node.asText()));
        }
        node.fields().forEachRemaining(e -> {
            into.add(Map.entry(path, e.getKey()));
            collect(path, e.getValue(), into);
        });
        if (node.isArray()) {
            node.forEach(child -> collect(path, child, into));
        }
    }
}
