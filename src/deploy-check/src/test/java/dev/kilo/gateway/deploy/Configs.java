package dev.kilo.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The module and its example, parsed once per test run. */
final class Configs {

    private static TerraformConfig module;
    private static TerraformConfig example;

    private Configs() {
    }

    static synchronized TerraformConfig module() {
        if (module == null) {
            module = parse("terraform");
        }
        return module;
    }

    static synchronized TerraformConfig example() {
        if (example == null) {
            example = parse("terraform/examples/minimal");
        }
        return example;
    }

    private static TerraformConfig parse(String dir) {
        try {
            return TerraformConfig.parse(TerraformConfig.REPO.resolve(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
