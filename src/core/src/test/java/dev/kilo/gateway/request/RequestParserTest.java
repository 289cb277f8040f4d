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

/** Edge validation of chat, completion and embeddings bodies: every refusal is a 400 naming the parameter. */
class RequestParserTest {

    private static final String USER_HI = "{\"role\": \"user\", \"content\": \"Hi\"}";

    private final RequestParser parser = new RequestParser(new ObjectMapper());

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A valid chat body with extra top-level fields appended. */
    private static String chatWith(String extraFields) {
        return "{\"model\": \"openai/gpt-4o\", \"messages\": [" + USER_HI + "]"
                + (extraFields.isEmpty() ? "" : ", " + extraFields) + "}";
    }

    /** A chat body with the given messages array. */
    private static String chatMessages(String messages) {
        return "{\"model\": \"openai/gpt-4o\", \"messages\": " + messages + "}";
    }

    private GatewayRequest chat(String json) {
        return parser.chat(bytes(json));
    }

    private static GatewayException refused(Function<byte[], GatewayRequest> parse, String json) {
        return assertThrows(GatewayException.class, () -> parse.apply(bytes(json)));
    }

    private static void assertRefused(GatewayException e, String param, String code) {
        assertEquals(400, e.status(), "status");
        assertEquals(ErrorTypes.INVALID_REQUEST, e.type(), "type");
        assertEquals(param, e.param(), "param");
        assertEquals(code, e.code(), "code");
    }

    private void assertChatRefused(String json, String param, String code) {
        assertRefused(refused(parser::chat, json), param, code);
    }

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
    class Messages {

        @Test
        void missingMessagesIsRefused() {
            assertChatRefused("{\"model\": \"openai/gpt-4o\"}", "messages", "missing_required_parameter");
        }

        @Test
        void emptyMessagesIsRefused() {
            assertChatRefused(chatMessages("[]"), "messages", "invalid_value");
        }

        @Test
        void messagesAsObjectIsRefusedAsWrongType() {
            assertChatRefused(chatMessages(USER_HI), "messages", "invalid_type");
        }

        @Test
        void unknownRoleIsRefused() {
            GatewayException e = refused(parser::chat,
                    chatMessages("[" + USER_HI + ", {\"role\": \"robot\", \"content\": \"x\"}]"));
            assertRefused(e, "messages[1].role", "invalid_value");
            assertTrue(e.getMessage().contains("'robot'"), e.getMessage());
        }

        @Test
        void missingRoleIsRefused() {
            assertChatRefused(chatMessages("[{\"content\": \"Hi\"}]"), "messages[0].role",
                    "missing_required_parameter");
        }

        @Test
        void userMessageWithoutContentIsRefused() {
            assertChatRefused(chatMessages("[{\"role\": \"user\"}]"), "messages[0].content",
                    "missing_required_parameter");
        }

        @Test
        void contentAsNumberIsRefusedAsWrongType() {
            assertChatRefused(chatMessages("[{\"role\": \"user\", \"content\": 42}]"), "messages[0].content",
                    "invalid_type");
        }

        @Test
        void toolMessageWithoutToolCallIdIsRefused() {
            assertChatRefused(chatMessages("[" + USER_HI + ", {\"role\": \"tool\", \"content\": \"42\"}]"),
                    "messages[1].tool_call_id", "missing_required_parameter");
        }

        @Test
        void toolMessageWithToolCallIdIsAccepted() {
            GatewayRequest request = chat(chatMessages(
                    "[" + USER_HI + ", {\"role\": \"tool\", \"tool_call_id\": \"call_1\", \"content\": \"42\"}]"));
            assertEquals(2, request.body().get("messages").size());
        }

        @Test
        void assistantWithToolCallsAndNullContentIsAccepted() {
            GatewayRequest request = chat(chatMessages("[" + USER_HI + ", {\"role\": \"assistant\", \"content\": null,"
                    + " \"tool_calls\": [{\"id\": \"call_1\", \"type\": \"function\","
                    + " \"function\": {\"name\": \"get_weather\", \"arguments\": \"{}\"}}]}]"));
            assertEquals("get_weather", request.body().at("/messages/1/tool_calls/0/function/name").asText());
        }

        @Test
        void toolCallWithoutArgumentsIsRefused() {
            assertChatRefused(chatMessages("[" + USER_HI + ", {\"role\": \"assistant\","
                    + " \"tool_calls\": [{\"id\": \"call_1\", \"type\": \"function\","
                    + " \"function\": {\"name\": \"get_weather\"}}]}]"),
                    "messages[1].tool_calls[0].function.arguments", "missing_required_parameter");
        }

        @Test
        void imageDataUriWithoutBase64IsRefused() {
            GatewayException e = refused(parser::chat, chatMessages("[" + USER_HI + ", {\"role\": \"user\","
                    + " \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"data:image/png,abc\"}}]}]"));
            assertRefused(e, "messages[1].content[0].image_url.url", "invalid_value");
        }

        @Test
        void imageDataUriWithBase64IsAccepted() {
            GatewayRequest request = chat(chatMessages("[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\","
                    + " \"image_url\": {\"url\": \"data:image/png;base64,iVBORw0KGgo=\"}}]}]"));
            assertEquals("data:image/png;base64,iVBORw0KGgo=",
                    request.body().at("/messages/0/content/0/image_url/url").asText());
        }

        @Test
        void imageHttpUrlIsAccepted() {
            GatewayRequest request = chat(chatMessages("[{\"role\": \"user\", \"content\": ["
                    + "{\"type\": \"text\", \"text\": \"What is this?\"},"
                    + " {\"type\": \"image_url\", \"image_url\": {\"url\": \"http://example.com/cat.png\"}}]}]"));
            assertEquals("http://example.com/cat.png", request.body().at("/messages/0/content/1/image_url/url")
                    .asText());
        }

        @Test
        void imageUrlWithOtherSchemeIsRefused() {
            assertChatRefused(chatMessages("[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\","
                    + " \"image_url\": {\"url\": \"ftp://example.com/cat.png\"}}]}]"),
                    "messages[0].content[0].image_url.url", "invalid_value");
        }

        @Test
        void unknownContentPartTypeIsRefused() {
            assertChatRefused(chatMessages("[{\"role\": \"user\", \"content\": [{\"type\": \"video\"}]}]"),
                    "messages[0].content[0].type", "invalid_value");
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
    class Tools {

        private static final String WEATHER_TOOL =
                "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"parameters\": {}}}";

        @Test
        void toolNameWithSpaceIsRefused() {
            assertChatRefused(chatWith("\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get weather\"}}]"),
                    "tools[0].function.name", "invalid_value");
        }

        @Test
        void toolWithoutNameIsRefused() {
            assertChatRefused(chatWith("\"tools\": [{\"type\": \"function\", \"function\": {\"parameters\": {}}}]"),
                    "tools[0].function.name", "missing_required_parameter");
        }

        @Test
        void toolWithUnknownTypeIsRefused() {
            assertChatRefused(chatWith("\"tools\": [{\"type\": \"retrieval\"}]"), "tools[0].type", "invalid_value");
        }

        @Test
        void toolChoiceStringIsAccepted() {
            assertEquals("required", chat(chatWith("\"tools\": [" + WEATHER_TOOL + "], \"tool_choice\": \"required\""))
                    .body().get("tool_choice").asText());
        }

        @Test
        void toolChoiceUnknownStringIsRefused() {
            assertChatRefused(chatWith("\"tool_choice\": \"always\""), "tool_choice", "invalid_value");
        }

        @Test
        void toolChoiceFunctionObjectIsAccepted() {
            GatewayRequest request = chat(chatWith("\"tools\": [" + WEATHER_TOOL + "], "
                    + "\"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}"));
            assertEquals("get_weather", request.body().at("/tool_choice/function/name").asText());
        }

        @Test
        void toolChoiceObjectWithoutFunctionIsRefused() {
            assertChatRefused(chatWith("\"tool_choice\": {\"type\": \"function\"}"), "tool_choice.function",
                    "missing_required_parameter");
        }

        @Test
        void toolChoiceFunctionWithoutNameIsRefused() {
            assertChatRefused(chatWith("\"tool_choice\": {\"type\": \"function\", \"function\": {}}"),
                    "tool_choice.function.name", "missing_required_parameter");
        }

        @Test
        void toolChoiceAsNumberIsRefused() {
            assertChatRefused(chatWith("\"tool_choice\": 1"), "tool_choice", "invalid_type");
        }

        @Test
        void toolChoiceCustomToolObjectIsAccepted() {
            GatewayRequest request = chat(chatWith("\"tools\": [{\"type\": \"custom\", \"custom\": {\"name\": \"sql\"}}], "
                    + "\"tool_choice\": {\"type\": \"custom\", \"custom\": {\"name\": \"sql\"}}"));
            assertEquals("sql", request.body().at("/tool_choice/custom/name").asText());
        }

        @Test
        void toolChoiceAllowedToolsObjectIsAccepted() {
            GatewayRequest request = chat(chatWith("\"tools\": [" + WEATHER_TOOL + "], \"tool_choice\": "
                    + "{\"type\": \"allowed_tools\", \"allowed_tools\": {\"mode\": \"auto\", "
                    + "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}]}}"));
            assertEquals("auto", request.body().at("/tool_choice/allowed_tools/mode").asText());
        }
    }

    @Nested
    class ResponseFormatReasoningMetadata {

        @Test
        void jsonSchemaWithoutNameIsRefused() {
            assertChatRefused(chatWith("\"response_format\": {\"type\": \"json_schema\", "
                    + "\"json_schema\": {\"schema\": {\"type\": \"object\"}}}"),
                    "response_format.json_schema.name", "missing_required_parameter");
        }

        @Test
        void jsonSchemaWithNameIsAccepted() {
            GatewayRequest request = chat(chatWith("\"response_format\": {\"type\": \"json_schema\", "
                    + "\"json_schema\": {\"name\": \"answer\", \"schema\": {\"type\": \"object\"}}}"));
            assertEquals("answer", request.body().at("/response_format/json_schema/name").asText());
        }

        @Test
        void responseFormatWithoutTypeIsRefused() {
            assertChatRefused(chatWith("\"response_format\": {}"), "response_format.type",
                    "missing_required_parameter");
        }

        @Test
        void responseFormatUnknownTypeIsRefused() {
            assertChatRefused(chatWith("\"response_format\": {\"type\": \"xml\"}"), "response_format.type",
                    "invalid_value");
        }

        @Test
        void invalidReasoningEffortIsRefused() {
            GatewayException e = refused(parser::chat, chatWith("\"reasoning_effort\": \"extreme\""));
            assertRefused(e, "reasoning_effort", "invalid_value");
            assertTrue(e.getMessage().contains("'extreme'"), e.getMessage());
        }

        @Test
        void validReasoningEffortIsAccepted() {
            assertEquals("xhigh", chat(chatWith("\"reasoning_effort\": \"xhigh\"")).body().get("reasoning_effort")
                    .asText());
        }

        @Test
        void invalidOpenRouterReasoningEffortIsRefused() {
            assertChatRefused(chatWith("\"reasoning\": {\"effort\": \"extreme\"}"), "reasoning.effort",
                    "invalid_value");
        }

        @Test
        void negativeReasoningMaxTokensIsRefused() {
            assertChatRefused(chatWith("\"reasoning\": {\"max_tokens\": -1}"), "reasoning.max_tokens",
                    "invalid_value");
        }

        @Test
        void reasoningEnabledAsStringIsRefused() {
            assertChatRefused(chatWith("\"reasoning\": {\"enabled\": \"yes\"}"), "reasoning.enabled",
                    "invalid_type");
        }

        @Test
        void metadataWithSeventeenKeysIsRefused() {
            StringBuilder metadata = new StringBuilder("\"metadata\": {");
            for (int i = 0; i < 17; i++) {
                metadata.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": \"v\"");
            }
            metadata.append('}');
            assertChatRefused(chatWith(metadata.toString()), "metadata", "invalid_value");
        }

        @Test
        void metadataWithSixteenKeysIsAccepted() {
            StringBuilder metadata = new StringBuilder("\"metadata\": {");
            for (int i = 0; i < 16; i++) {
                metadata.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": \"v\"");
            }
            metadata.append('}');
            assertEquals(16, chat(chatWith(metadata.toString())).body().get("metadata").size());
        }

        @Test
        void metadataValueThatIsNotAStringIsRefused() {
            assertChatRefused(chatWith("\"metadata\": {\"team\": 5}"), "metadata.team", "invalid_type");
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

    @Nested
    class Completions {

        @Test
        void stringPromptIsAccepted() {
            GatewayRequest request = parser.completion(bytes(
                    "{\"model\": \"openai/gpt-3.5-turbo-instruct\", \"prompt\": \"Say hi\"}"));
            assertEquals(Endpoint.COMPLETIONS, request.endpoint());
            assertEquals("openai/gpt-3.5-turbo-instruct", request.model());
            assertEquals("Say hi", request.body().get("prompt").asText());
        }

        @Test
        void arrayPromptIsAccepted() {
            GatewayRequest request = parser.completion(bytes(
                    "{\"model\": \"openai/gpt-3.5-turbo-instruct\", \"prompt\": [\"a\", \"b\"]}"));
            assertEquals(2, request.body().get("prompt").size());
        }

        @Test
        void missingPromptIsRefused() {
            assertRefused(refused(parser::completion, "{\"model\": \"openai/gpt-3.5-turbo-instruct\"}"), "prompt",
                    "missing_required_parameter");
        }

        @Test
        void numericPromptIsRefused() {
            assertRefused(refused(parser::completion, "{\"model\": \"openai/gpt-3.5-turbo-instruct\", \"prompt\": 3}"),
                    "prompt", "invalid_type");
        }

        @Test
        void nonStringSuffixIsRefused() {
            assertRefused(refused(parser::completion,
                    "{\"model\": \"openai/gpt-3.5-turbo-instruct\", \"prompt\": \"a\", \"suffix\": 1}"),
                    "suffix", "invalid_type");
        }

        @Test
        void stringSuffixIsAccepted() {
            GatewayRequest request = parser.completion(bytes(
                    "{\"model\": \"openai/gpt-3.5-turbo-instruct\", \"prompt\": \"a\", \"suffix\": \"z\"}"));
            assertEquals("z", request.body().get("suffix").asText());
        }

        @Test
        void completionTemperatureOutOfRangeIsRefused() {
            assertRefused(refused(parser::completion,
                    "{\"model\": \"openai/gpt-3.5-turbo-instruct\", \"prompt\": \"a\", \"temperature\": 3}"),
                    "temperature", "invalid_value");
        }

        @Test
        void completionMissingModelIsRefused() {
            assertRefused(refused(parser::completion, "{\"prompt\": \"a\"}"), "model", "missing_required_parameter");
        }

        @Test
        void completionStreamWithUsageIncludeSetsFlags() {
            GatewayRequest request = parser.completion(bytes("{\"model\": \"openai/gpt-3.5-turbo-instruct\", "
                    + "\"prompt\": \"a\", \"stream\": true, \"usage\": {\"include\": true}}"));
            assertTrue(request.stream());
            assertTrue(request.includeUsage());
            assertFalse(request.body().has("usage"));
        }
    }

    @Nested
    class Embeddings {

        @Test
        void stringInputIsAccepted() {
            GatewayRequest request = parser.embeddings(bytes(
                    "{\"model\": \"openai/text-embedding-3-small\", \"input\": \"hello\"}"));
            assertEquals(Endpoint.EMBEDDINGS, request.endpoint());
            assertEquals("openai/text-embedding-3-small", request.model());
            assertFalse(request.stream());
            assertFalse(request.includeUsage());
        }

        @Test
        void missingInputIsRefused() {
            assertRefused(refused(parser::embeddings, "{\"model\": \"openai/text-embedding-3-small\"}"), "input",
                    "missing_required_parameter");
        }

        @Test
        void objectInputIsRefused() {
            assertRefused(refused(parser::embeddings,
                    "{\"model\": \"openai/text-embedding-3-small\", \"input\": {\"text\": \"a\"}}"),
                    "input", "invalid_type");
        }

        @Test
        void unknownEncodingFormatIsRefused() {
            GatewayException e = refused(parser::embeddings, "{\"model\": \"openai/text-embedding-3-small\","
                    + " \"input\": \"a\", \"encoding_format\": \"int8\"}");
            assertRefused(e, "encoding_format", "invalid_value");
            assertEquals("Invalid value for 'encoding_format': 'int8'. Supported values are: base64, float.",
                    e.getMessage());
        }

        @Test
        void base64EncodingFormatIsAccepted() {
            GatewayRequest request = parser.embeddings(bytes("{\"model\": \"openai/text-embedding-3-small\","
                    + " \"input\": [\"a\"], \"encoding_format\": \"base64\"}"));
            assertEquals("base64", request.body().get("encoding_format").asText());
        }

        @Test
        void zeroDimensionsIsRefused() {
            assertRefused(refused(parser::embeddings, "{\"model\": \"openai/text-embedding-3-small\","
                    + " \"input\": \"a\", \"dimensions\": 0}"), "dimensions", "invalid_value");
        }
    }
}
