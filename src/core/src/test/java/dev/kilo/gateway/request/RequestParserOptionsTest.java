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

/** Validation of response_format, reasoning, metadata, and of completion and embeddings bodies. */
class RequestParserOptionsTest extends RequestParserTestBase {

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
