package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/** Issue 3: the official OpenAI Java SDK, pointed at …/llmgate/api/v1, as a real client. */
class OpenAiSdkIT {

    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
    }

    /** An LMS's view: the SDK's API key is the organization's integration token. */
    static OpenAIClient clientFor(Scenario s) {
        Api.Reply token = llmgate.api.post("admin/organizations/" + s.organization + "/tokens", null);
        assertThat(token.status()).isEqualTo(201);
        return OpenAIOkHttpClient.builder()
                .baseUrl(llmgate.server.baseUrl() + "/api/v1")
                .apiKey(token.json().getString("token"))
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void non_streaming_completion_with_a_fallback() {
        Scenario s = new Scenario(llmgate);
        String primary = s.model("primary");
        long key = s.credential(OPENAI, s.key("k"));
        s.hop(OPENAI, key, primary);
        String backup = s.model("backup");
        s.hop(OPENAI, key, backup);
        s.fake().script(primary, Behavior.status(429).retryAfter(Duration.ofSeconds(30)));
        s.fake().script(backup, Behavior.answer("Backup", " says", " hi").usage(9, 3));

        ChatCompletion completion = clientFor(s).chat().completions().create(params(s.homework));

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValue("Backup says hi");
        assertThat(completion.model()).as("the model that answered, not the target").isEqualTo(backup);
        assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(3));
        assertThat(s.fake().calls(primary)).isEqualTo(1);
        assertThat(s.fake().calls(backup)).isEqualTo(1);
    }

    @Test
    void streaming_completion_after_a_fallback_names_the_model_that_answered() {
        Scenario s = new Scenario(llmgate);
        long key = s.credential(OPENAI, s.key("k"));
        String primary = s.model("primary");
        s.hop(OPENAI, key, primary);
        String model = s.model("backup");
        s.hop(OPENAI, key, model);
        s.fake().script(primary, Behavior.status(500));
        s.fake().script(model, Behavior.answer("Stream", "ed", " answer"));

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = clientFor(s).chat().completions().createStreaming(params(s.homework))) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse(""))
                .collect(Collectors.joining());

        assertThat(text).isEqualTo("Streamed answer");
        assertThat(chunks).isNotEmpty().allSatisfy(chunk -> assertThat(chunk.model()).isEqualTo(model));
    }

    @Test
    void all_failed_answers_an_openai_style_error_with_an_error_status() {
        Scenario s = new Scenario(llmgate);
        String only = s.model("only");
        s.hop(OPENAI, s.credential(OPENAI, s.key("k")), only);
        s.fake().script(only, Behavior.status(503));

        OpenAIClient client = clientFor(s);
        assertThatThrownBy(() -> client.chat().completions().create(params(s.homework)))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("upstream_error");
                });
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params(s.homework))) {
                stream.stream().count();
            }
        }).isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
    }

    private static ChatCompletionCreateParams params(long homework) {
        return ChatCompletionCreateParams.builder()
                .model("homework:" + homework)
                .addUserMessage("Say hi")
                .build();
    }
}
