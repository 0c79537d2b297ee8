package org.llmgate.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.llmgate.providers.ChatMessage;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.UpstreamCall;

/**
 * The Chat Completions body is written as text (issue 16); providers must receive exactly what the
 * JSON-P object printed before, escapes and number spelling included.
 */
class ChatBodyTest {

    private final OpenAiProtocol openAi = new OpenAiProtocol("openai", OpenAiDialect.OPENAI, new OpenAiErrorClassifier(), Map.of());
    private final OpenAiProtocol compatible = new OpenAiProtocol("openai-compatible", OpenAiDialect.COMPATIBLE,
            new OpenAiErrorClassifier(), Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote \" backslash \\ slash /", "lines\nand\r\ttabs", "controls \u0000 \u0001 \u001f \b \f",
            "unicode é ü 中文 😀 \u2028", ""})
    void everyStringIsEscapedAsJsonPEscapesIt(String text) {
        UpstreamCall call = call(List.of(new ChatMessage("system", text), new ChatMessage("user", text)), 0.7, 256, text);

        assertEquals(printedByJsonP(call, "max_completion_tokens"), openAi.chatBody(call));
        assertEquals(printedByJsonP(call, "max_tokens"), compatible.chatBody(call));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 0.7, 2.0, 1e-7, 0.30000000000000004, 1.5e10})
    void temperaturesAreSpelledAsJsonPSpellsThem(double temperature) {
        UpstreamCall call = call(List.of(new ChatMessage("user", "hi")), temperature, null, "m");

        assertEquals(printedByJsonP(call, "max_completion_tokens"), openAi.chatBody(call));
    }

    @Test
    void optionalFieldsAreLeftOutAndMissingPartsHaveTheirDefaults() {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage(null, null));
        UpstreamCall noOptions = call(messages, null, null, "gpt-4o-mini");
        UpstreamCall noMessages = call(null, null, null, "gpt-4o-mini");

        assertEquals(printedByJsonP(noOptions, "max_completion_tokens"), openAi.chatBody(noOptions));
        assertEquals("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"\"}],"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}", openAi.chatBody(noOptions));
        assertEquals("{\"model\":\"gpt-4o-mini\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
                openAi.chatBody(noMessages));
    }

    @Test
    void aLongConversationKeepsItsOrder() {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(new ChatMessage(i % 2 == 0 ? "user" : "assistant", "turn " + i));
        }
        UpstreamCall call = call(messages, 1.0, 4096, "m");

        assertEquals(printedByJsonP(call, "max_tokens"), compatible.chatBody(call));
        assertEquals(50, JsonSupport.parseObject(compatible.chatBody(call)).getJsonArray("messages").size());
    }

    private static UpstreamCall call(List<ChatMessage> messages, Double temperature, Integer maxTokens, String model) {
        return new UpstreamCall(new ProviderAccess("http://localhost:1/v1", "sk-test"), model, Endpoint.CHAT_COMPLETIONS,
                messages, temperature, maxTokens, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** How the body was built before: a JSON-P object, printed. */
    private static String printedByJsonP(UpstreamCall call, String maxTokensField) {
        JsonArrayBuilder messages = JsonSupport.arrayBuilder();
        for (ChatMessage message : call.messages() == null ? List.<ChatMessage>of() : call.messages()) {
            messages.add(JsonSupport.objectBuilder()
                    .add("role", message.role() == null ? "user" : message.role())
                    .add("content", message.content() == null ? "" : message.content()));
        }
        JsonObjectBuilder body = JsonSupport.objectBuilder()
                .add("model", call.model())
                .add("messages", messages)
                .add("stream", true)
                .add("stream_options", JsonSupport.objectBuilder().add("include_usage", true));
        if (call.maxOutputTokens() != null) {
            body.add(maxTokensField, call.maxOutputTokens());
        }
        if (call.temperature() != null) {
            body.add("temperature", call.temperature());
        }
        return body.build().toString();
    }
}
