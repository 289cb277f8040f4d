package dev.kilo.gateway.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Provider API keys from one Secrets Manager secret, so that keys never sit in a Lambda function's environment
 * (visible to anyone who can read its configuration) or in Terraform state. The secret is read once, when the
 * configuration is built at cold start, and the keys then live in the immutable configuration like any other value.
 *
 * <p>Registered through {@code META-INF/services}; without {@code @StaticInitSafe} Quarkus uses it only at run time,
 * so a native build never calls AWS. Its ordinal sits above {@code application.properties} (250) and core's presets
 * (100), below environment variables (300) and system properties (400), which an operator can still use to
 * override one key.
 */
public class ProviderKeysConfigSourceFactory implements ConfigSourceFactory {

    static final String SECRET = "gateway.provider-keys.secret";
    static final String REGION = "gateway.provider-keys.region";
    static final String ENDPOINT = "gateway.provider-keys.endpoint-override";
    static final int ORDINAL = 275;

    private static final Logger LOG = Logger.getLogger(ProviderKeysConfigSourceFactory.class);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String secretId = value(context, SECRET);
        if (secretId == null) {
            return List.of();
        }
        String json;
        try (SecretsManagerClient client = client(value(context, REGION), value(context, ENDPOINT))) {
            json = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
        }
        Map<String, String> properties = ProviderKeysSecret.toProperties(secretId, json);
        // Provider ids only: the values are the secrets.
        LOG.infof("Read API keys of %d providers %s from secret %s", properties.size(),
                ProviderKeysSecret.providerIds(properties), secretId);
        return List.of(new PropertiesConfigSource(properties, "ProviderKeysSecret[" + secretId + "]", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static SecretsManagerClient client(String region, String endpoint) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue().strip();
    }
}
