package dev.kilo.gateway.functions.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.lambda.LambdaEventHandler;
import dev.kilo.gateway.service.PolicyService;
import dev.kilo.gateway.service.PolicyService.CompileReport;
import dev.kilo.gateway.service.RoutingPolicies;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The router function's non-HTTP events, each a reason to recompile the routing policy:
 * <ul>
 *   <li>an EventBridge schedule (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html):
 *   picks up provider health from the last discovery report and new priors after a deployment;</li>
 *   <li>a DynamoDB stream batch from the models table
 *   (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html): the catalog changed.</li>
 * </ul>
 * The answer is the compile report; a failure is the invocation's error, so the stream retries the batch.
 */
@ApplicationScoped
public class RouterEvents implements LambdaEventHandler {

    private final PolicyService compiler;
    private final RoutingPolicies policies;
    private final ObjectMapper mapper;

    public RouterEvents(PolicyService compiler, RoutingPolicies policies, ObjectMapper mapper) {
        this.compiler = compiler;
        this.policies = policies;
        this.mapper = mapper;
    }

    @Override
    public boolean accepts(JsonNode event) {
        return isSchedule(event) || isModelsStream(event);
    }

    @Override
    public byte[] handle(JsonNode event) throws Exception {
        String why = isSchedule(event) ? "schedule"
                : "catalog change (" + event.path("Records").size() + " stream records)";
        CompileReport report = compiler.compileAndPublish(why);
        // This instance also answers /v1/route: let it decide with what it just stored.
        policies.refresh();
        return mapper.writeValueAsBytes(report);
    }

    static boolean isSchedule(JsonNode event) {
        return "aws.events".equals(event.path("source").asText()) || "Scheduled Event".equals(
                event.path("detail-type").asText());
    }

    static boolean isModelsStream(JsonNode event) {
        JsonNode records = event.path("Records");
        return records.isArray() && records.size() > 0
                && "aws:dynamodb".equals(records.get(0).path("eventSource").asText());
    }
}
