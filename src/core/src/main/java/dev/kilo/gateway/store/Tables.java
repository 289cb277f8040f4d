package dev.kilo.gateway.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/** The gateway's tables: their full names, and creation where the deployment lets us create them. */
@ApplicationScoped
public class Tables {

    /** Every table the gateway uses, by its unprefixed name (the file name in infra/dynamodb/tables). */
    public static final List<String> ALL = List.of("keys", "models", "usage", "counters");

    private static final Logger LOG = Logger.getLogger(Tables.class);

    private final DynamoDbClient dynamo;
    private final ObjectMapper mapper;
    private final String prefix;

    public Tables(DynamoDbClient dynamo, ObjectMapper mapper, GatewayConfig config) {
        this.dynamo = dynamo;
        this.mapper = mapper;
        this.prefix = config.dynamodb().tablePrefix();
    }

    public String keys() {
        return prefix + "keys";
    }

    public String models() {
        return prefix + "models";
    }

    public String usage() {
        return prefix + "usage";
    }

    public String counters() {
        return prefix + "counters";
    }

    /** Creates every missing table and waits until each is active. Idempotent. */
    public void createMissing() {
        for (String name : ALL) {
            String fullName = prefix + name;
            if (exists(fullName)) {
                continue;
            }
            TableDefinition definition = TableDefinition.load(name, mapper);
            dynamo.createTable(definition.toCreateRequest(fullName));
            dynamo.waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(fullName).build());
            if (definition.ttlAttribute() != null) {
                dynamo.updateTimeToLive(UpdateTimeToLiveRequest.builder().tableName(fullName)
                        .timeToLiveSpecification(TimeToLiveSpecification.builder()
                                .attributeName(definition.ttlAttribute()).enabled(true).build())
                        .build());
            }
            LOG.infof("Created DynamoDB table %s", fullName);
        }
    }

    /** Whether DynamoDB answers and holds the keys table: what readiness means for the gateway. */
    public boolean reachable() {
        return exists(keys());
    }

    private boolean exists(String fullName) {
        try {
            dynamo.describeTable(DescribeTableRequest.builder().tableName(fullName).build());
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }
}
