package dev.kilo.gateway.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Handles the Lambda events of a function that are not HTTP requests (EventBridge schedules, DynamoDB streams). A
 * function offers one as a CDI bean; {@link RuntimeLoop} gives it every event that is not an API Gateway or function
 * URL request, and posts what it returns as the invocation's (buffered) response.
 */
public interface LambdaEventHandler {

    /** Whether this handler takes the event. */
    boolean accepts(JsonNode event);

    /**
     * Handles the event on the runtime loop's thread (blocking is fine: one invocation at a time).
     *
     * @return the invocation's JSON response
     * @throws Exception reported to Lambda as the invocation's error, so the event source can retry
     */
    byte[] handle(JsonNode event) throws Exception;
}
