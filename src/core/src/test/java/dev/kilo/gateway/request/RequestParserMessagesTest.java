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

/** Validation of chat messages, content parts, tools and tool_choice. */
class RequestParserMessagesTest extends RequestParserTestBase {

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
}
