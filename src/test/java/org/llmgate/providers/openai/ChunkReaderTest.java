package org.llmgate.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.llmgate.providers.JsonSupport;

/**
 * The streaming read of a chunk must say exactly what the full parse it replaced said (issue 16):
 * the same content, finish reason, usage and error verdict for every shape a provider sends, and the
 * same refusal of what is not a JSON object.
 */
class ChunkReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":null}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a \\\"quoted\\\" \\\\ line\\nand \\u00e9\\ud83d\\ude00\"}}]}",
        "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":1e2,\"completion_tokens\":7.0,\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
        "{\"usage\":null,\"choices\":[{\"delta\":{\"content\":null,\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}}]}",
        "{\"choices\":[{\"delta\":{\"content\":42},\"finish_reason\":\"content_filter\"},{\"delta\":{\"content\":\"second\"}}],\"x\":[[1],{\"y\":[{}]}]}",
        "{\"choices\":[{\"finish_reason\":\"error\",\"delta\":{\"reasoning\":\"...\",\"content\":\"late\"}}]}",
        "{\"error\":{\"message\":\"Overloaded\",\"code\":502},\"choices\":[]}",
        "{\"object\":\"error\",\"message\":\"boom\",\"code\":40001}",
        "{\"error\":null,\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}",
        "{\"model\":\"m\",\"system_fingerprint\":\"fp\",\"choices\":{\"not\":\"an array\"}}",
        "{}"
    })
    void reads_what_the_full_parse_read(String data) {
        ChunkReader.Chunk chunk = ChunkReader.read(data);

        JsonObject whole = JsonSupport.parseObject(data);
        JsonObject error = JsonSupport.object(whole, "error");
        assertThat(chunk.error()).isEqualTo(error != null || "error".equals(JsonSupport.string(whole, "object")));
        JsonObject usage = JsonSupport.object(whole, "usage");
        assertThat(chunk.hasUsage()).isEqualTo(usage != null);
        if (usage != null) {
            assertThat(chunk.promptTokens()).isEqualTo(JsonSupport.longOrZero(usage, "prompt_tokens"));
            assertThat(chunk.completionTokens()).isEqualTo(JsonSupport.longOrZero(usage, "completion_tokens"));
        }
        JsonArray choices = JsonSupport.array(whole, "choices");
        assertThat(chunk.hasChoice()).isEqualTo(choices != null && !choices.isEmpty());
        if (chunk.hasChoice()) {
            JsonObject choice = choices.getJsonObject(0);
            assertThat(chunk.content()).isEqualTo(JsonSupport.string(JsonSupport.object(choice, "delta"), "content"));
            assertThat(chunk.finishReason()).isEqualTo(JsonSupport.string(choice, "finish_reason"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]", "not json", "{\"a\":"})
    void refuses_what_is_not_a_json_object_as_the_full_parse_did(String data) {
        assertThatThrownBy(() -> JsonSupport.parseObject(data)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> ChunkReader.read(data)).isInstanceOf(JsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} trailing", "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}}"})
    void text_after_the_object_is_refused_or_ignored_as_by_the_full_parse(String data) {
        boolean fullRefused = refused(() -> JsonSupport.parseObject(data));
        assertThat(refused(() -> ChunkReader.read(data))).isEqualTo(fullRefused);
    }

    @org.junit.jupiter.api.Test
    void a_first_choice_that_is_not_an_object_is_malformed() {
        // the full parse's decoder failed on it too (a class cast), which the stream reports as malformed
        assertThatThrownBy(() -> ChunkReader.read("{\"choices\":[\"not an object\"]}")).isInstanceOf(JsonException.class);
    }

    private static boolean refused(Runnable read) {
        try {
            read.run();
            return false;
        } catch (JsonException e) {
            return true;
        }
    }
}
