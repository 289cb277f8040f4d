package dev.kilo.gateway.functions.router;

import dev.kilo.gateway.testing.DynamoDbLocalResource;
import dev.kilo.gateway.testing.UpstreamFakes;
import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} of this module runs on DynamoDB Local and the upstream fakes, in one boot. */
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(UpstreamFakes.class)
class TestResources {
}
