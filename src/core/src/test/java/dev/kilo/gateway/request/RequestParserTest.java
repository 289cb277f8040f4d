package dev.kilo.gateway.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.request.GatewayRequest.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edge validation of request bodies: shape, model, types, ranges, stream options. Every refusal is a 400 naming the parameter. */
class RequestParserTest extends RequestParserTestBase {

    @Nested
    class BodyShape {

        @Test
        void malformedJsonIsA400WithoutParam() {
            GatewayException e = refused(parser::chat, "{\"model\": \"openai/gpt-4o\", ");
            assertRefused(e, null, null);
            assertTrue(e.getMessage().startsWith("We could not parse the JSON body of your request"),
                    e.getMessage());
        }

        @Test
        void jsonArrayBodyIsRefusedAsNotAnObject() {
            GatewayException e = refused(parser::chat, "[1, 2, 3]");
            assertRefused(e, null, null);
            assertEquals("The request body must be a JSON object.", e.getMessage());
        }

        @Test
        void jsonStringBodyIsRefusedAsNotAnObject() {
            GatewayException e = refused(parser::chat, "\"hello\"");
            assertRefused(e, null, null);
            assertEquals("The request body must be a JSON object.", e.getMessage());
        }

        @Test
        void emptyBodyIsRefused() {
            assertRefused(refused(parser::chat, ""), null, null);
        }
    }

    @Nested
    class Model {

        @Test
        void missingModelIsRefused() {
            GatewayException e = refused(parser::chat, "{\"messages\": [" + USER_HI + "]}");
            assertRefused(e, "model", "missing_required_parameter");
            assertEquals("Missing required parameter: 'model'.", e.getMessage());
        }

        @Test
        void nullModelIsRefusedAsMissing() {
            assertChatRefused("{\"model\": null, \"messages\": [" + USER_HI + "]}", "model",
                    "missing_required_parameter");
        }

        @Test
        void emptyModelIsRefused() {
            assertChatRefused("{\"model\": \"\", \"messages\": [" + USER_HI + "]}", "model", "invalid_value");
        }

        @Test
        void blankModelIsRefused() {
            assertChatRefused("{\"model\": \"   \", \"messages\": [" + USER_HI + "]}", "model", "invalid_value");
        }

        @Test
        void numericModelIsRefusedAsWrongType() {
            assertChatRefused("{\"model\": 4, \"messages\": [" + USER_HI + "]}", "model", "invalid_type");
        }
    }

    @Nested
    class WrongTypes {

        @Test
        void temperatureAsStringIsRefused() {
            GatewayException e = refused(parser::chat, chatWith("\"temperature\": \"0.5\""));
            assertRefused(e, "temperature", "invalid_type");
            assertEquals("Invalid type for 'temperature': expected a number, but got a string instead.",
                    e.getMessage());
        }

        @Test
        void maxTokensAsDecimalIsRefused() {
            assertChatRefused(chatWith("\"max_tokens\": 1.5"), "max_tokens", "invalid_type");
        }

        @Test
        void streamAsStringIsRefused() {
            assertChatRefused(chatWith("\"stream\": \"yes\""), "stream", "invalid_type");
        }

        @Test
        void includeUsageAsStringIsRefused() {
            assertChatRefused(chatWith("\"stream\": true, \"stream_options\": {\"include_usage\": \"yes\"}"),
                    "stream_options.include_usage", "invalid_type");
        }

        @Test
        void logprobsAsStringIsRefused() {
            assertChatRefused(chatWith("\"logprobs\": \"true\""), "logprobs", "invalid_type");
        }

        @Test
        void stopAsNumberIsRefused() {
            assertChatRefused(chatWith("\"stop\": 5"), "stop", "invalid_type");
        }

        @Test
        void userAsNumberIsRefused() {
            assertChatRefused(chatWith("\"user\": 7"), "user", "invalid_type");
        }
    }

    @Nested
    class Ranges {

        @Test
        void temperatureAboveTwoIsRefused() {
            GatewayException e = refused(parser::chat, chatWith("\"temperature\": 2.5"));
            assertRefused(e, "temperature", "invalid_value");
            assertEquals("Invalid 'temperature': 2.5 is out of range. Expected a value between 0 and 2.",
                    e.getMessage());
        }

        @Test
        void temperatureAtTwoIsAccepted() {
            assertEquals(2.0, chat(chatWith("\"temperature\": 2")).body().get("temperature").asDouble());
        }

        @Test
        void negativeTopPIsRefused() {
            assertChatRefused(chatWith("\"top_p\": -0.1"), "top_p", "invalid_value");
        }

        @Test
        void zeroMaxTokensIsRefused() {
            assertChatRefused(chatWith("\"max_tokens\": 0"), "max_tokens", "invalid_value");
        }

        @Test
        void maxTokensBeyondLongIsRefused() {
            assertChatRefused(chatWith("\"max_tokens\": 99999999999999999999999"), "max_tokens", "invalid_value");
        }

        @Test
        void zeroNIsRefused() {
            assertChatRefused(chatWith("\"n\": 0"), "n", "invalid_value");
        }

        @Test
        void presencePenaltyBelowMinusTwoIsRefused() {
            assertChatRefused(chatWith("\"presence_penalty\": -2.1"), "presence_penalty", "invalid_value");
        }

        @Test
        void stopWithFiveEntriesIsRefused() {
            GatewayException e = refused(parser::chat, chatWith("\"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]"));
            assertRefused(e, "stop", "invalid_value");
            assertTrue(e.getMessage().contains("but got 5"), e.getMessage());
        }

        @Test
        void stopWithFourEntriesIsAccepted() {
            assertEquals(4, chat(chatWith("\"stop\": [\"a\", \"b\", \"c\", \"d\"]")).body().get("stop").size());
        }

        @Test
        void stopEntryThatIsNotAStringIsRefused() {
            assertChatRefused(chatWith("\"stop\": [\"a\", 1]"), "stop[1]", "invalid_type");
        }

        @Test
        void nullOptionalParameterIsTreatedAsAbsent() {
            GatewayRequest request = chat(chatWith("\"temperature\": null, \"max_tokens\": null"));
            assertTrue(request.body().get("temperature").isNull());
        }
    }

    @Nested
    class StreamAndUsage {

        @Test
        void plainChatIsNotAStreamAndDoesNotIncludeUsage() {
            GatewayRequest request = chat(chatWith(""));
            assertEquals(Endpoint.CHAT_COMPLETIONS, request.endpoint());
            assertEquals("openai/gpt-4o", request.model());
            assertFalse(request.stream());
            assertFalse(request.includeUsage());
        }

        @Test
        void streamTrueSetsStream() {
            assertTrue(chat(chatWith("\"stream\": true")).stream());
        }

        @Test
        void streamOptionsIncludeUsageSetsIncludeUsage() {
            GatewayRequest request = chat(chatWith("\"stream\": true, \"stream_options\": {\"include_usage\": true}"));
            assertTrue(request.includeUsage());
            assertTrue(request.body().at("/stream_options/include_usage").asBoolean());
        }

        @Test
        void streamOptionsIncludeUsageFalseLeavesIncludeUsageOff() {
            assertFalse(chat(chatWith("\"stream\": true, \"stream_options\": {\"include_usage\": false}"))
                    .includeUsage());
        }

        @Test
        void openRouterUsageIncludeSetsIncludeUsage() {
            assertTrue(chat(chatWith("\"stream\": true, \"usage\": {\"include\": true}")).includeUsage());
        }

        @Test
        void openRouterUsageIsRemovedFromBody() {
            GatewayRequest request = chat(chatWith("\"stream\": true, \"usage\": {\"include\": true}"));
            assertFalse(request.body().has("usage"), request.body().toString());
        }

        @Test
        void trailingContentAfterTheObjectIsRefused() {
            GatewayException e = assertThrows(GatewayException.class, () -> parser.chat(
                    "{\"model\":\"openai/gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} junk"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(400, e.status());
        }

        @Test
        void openRouterUsageAsNonObjectIsRefused() {
            assertChatRefused(chatWith("\"usage\": true"), "usage", "invalid_type");
        }

        @Test
        void openRouterUsageNullIsRemovedFromBody() {
            GatewayRequest request = chat(chatWith("\"usage\": null"));
            assertFalse(request.body().has("usage"), request.body().toString());
        }

        @Test
        void unknownTopLevelFieldIsKeptInBody() {
            GatewayRequest request = chat(chatWith("\"description\": \"x\""));
            assertEquals("x", request.body().get("description").asText());
        }
    }
}
