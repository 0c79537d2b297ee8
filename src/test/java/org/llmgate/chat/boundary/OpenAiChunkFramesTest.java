package org.llmgate.chat.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.Usage;

/** The hand-written chunk frames are OpenAI's shapes, and any text survives the escaping. */
class OpenAiChunkFramesTest {

    private final OpenAiChunkFrames frames = new OpenAiChunkFrames("chatcmpl-1", 1700000000L, "homework:\"7\"");

    private static JsonObject json(String frame) {
        assertThat(frame).startsWith("data: ").endsWith("\n\n");
        return JsonSupport.parseObject(frame.substring(6, frame.length() - 2));
    }

    @Test
    void a_delta_frame_carries_any_text_exactly() {
        String text = "quote \" backslash \\ newline \n tab \t bell \u0007 umlaut ü emoji \uD83D\uDE00 </script>";

        JsonObject chunk = json(frames.deltaFrame(text));

        assertThat(chunk.getString("id")).isEqualTo("chatcmpl-1");
        assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
        assertThat(chunk.getJsonNumber("created").longValue()).isEqualTo(1700000000L);
        assertThat(chunk.getString("model")).isEqualTo("homework:\"7\"");
        JsonObject choice = chunk.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getInt("index")).isZero();
        assertThat(choice.getJsonObject("delta").getString("content")).isEqualTo(text);
        assertThat(choice.isNull("finish_reason")).isTrue();
        assertThat(choice.isNull("logprobs")).isTrue();
    }

    @Test
    void the_first_frame_names_the_role_and_the_last_carries_stop_and_usage() {
        JsonObject role = json(frames.roleFrame()).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
        JsonObject stop = json(frames.stopFrame(new Usage(12, 30)));

        assertThat(role.getString("role")).isEqualTo("assistant");
        assertThat(role.getString("content")).isEmpty();
        assertThat(stop.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("stop");
        assertThat(stop.getJsonArray("choices").getJsonObject(0).getJsonObject("delta")).isEmpty();
        assertThat(stop.getJsonObject("usage").getInt("prompt_tokens")).isEqualTo(12);
        assertThat(stop.getJsonObject("usage").getInt("completion_tokens")).isEqualTo(30);
        assertThat(stop.getJsonObject("usage").getInt("total_tokens")).isEqualTo(42);
    }
}
