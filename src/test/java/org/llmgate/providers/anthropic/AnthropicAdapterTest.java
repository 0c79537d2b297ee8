package org.llmgate.providers.anthropic;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.ChatMessage;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.RecordingListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.UpstreamHttp;
import org.llmgate.providers.Usage;
import org.llmgate.testsupport.fake.Behavior;
import org.llmgate.testsupport.fake.FakeProvider;
import org.llmgate.testsupport.fake.RecordedRequest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.providers.Calls.call;
import static org.llmgate.providers.Calls.withTimeouts;

class AnthropicAdapterTest {

    static final String KEY = "sk-ant-" + "api03-Zz9TestKey0123456789abcdefGHIJ-AA"; // built, so no key-shaped literal sits in git

    static FakeProvider fake;
    static UpstreamHttp http;
    static AnthropicAdapter adapter;

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
        http = new UpstreamHttp();
        adapter = new AnthropicAdapter(http);
    }

    @AfterAll
    static void stop() {
        fake.close();
        http.close();
    }

    @AfterEach
    void reset() {
        fake.reset();
    }

    private UpstreamCall messages(String model) {
        return call(fake.baseUrl("anthropic"), KEY, model, Endpoint.MESSAGES);
    }

    @Test
    void messagesStreamTheAnswerWithUsage() {
        fake.script("claude-sonnet-4", Behavior.answer("Bonjour", "!").usage(25, 2).keepAlives(2));

        RecordingListener listener = new RecordingListener();
        adapter.stream(messages("claude-sonnet-4"), listener);

        assertThat(listener.await().usage()).isEqualTo(new Usage(25, 2));
        assertThat(listener.deltas()).containsExactly("Bonjour", "!");
        assertThat(listener.contractBroken()).isFalse();
        assertThat(fake.calls("claude-sonnet-4", Endpoint.MESSAGES)).isEqualTo(1);
    }

    @Test
    void requestUsesXApiKeyAndVersionAndMovesSystemToTheTop() {
        RecordingListener listener = new RecordingListener();
        adapter.stream(messages("claude-sonnet-4"), listener);
        listener.await();

        RecordedRequest request = fake.requests().get(0);
        assertThat(request.path()).isEqualTo("/anthropic/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("Authorization")).isNull();
        JsonObject body = JsonSupport.parseObject(request.body());
        assertThat(body.getString("system")).isEqualTo("Be brief.");
        assertThat(body.getJsonArray("messages")).hasSize(1);
        assertThat(body.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("user");
        assertThat(body.getInt("max_tokens")).isEqualTo(64);
        assertThat(body.getBoolean("stream")).isTrue();
    }

    @Test
    void maxTokensDefaultsTo1024() {
        UpstreamCall call = new UpstreamCall(new ProviderAccess(fake.baseUrl("anthropic"), KEY), "claude", Endpoint.MESSAGES,
                List.of(new ChatMessage("user", "hi")), null, null, Duration.ofSeconds(3), Duration.ofSeconds(3));

        assertThat(AnthropicAdapter.body(call).getInt("max_tokens")).isEqualTo(1024);
        assertThat(AnthropicAdapter.body(call).containsKey("system")).isFalse();
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, BAD_REQUEST",
            "401, AUTH_ERROR",
            "402, CREDIT_EXHAUSTED",
            "403, AUTH_ERROR",
            "404, MODEL_NOT_FOUND",
            "429, RATE_LIMITED",
            "500, UPSTREAM_ERROR",
            "529, OVERLOADED"})
    void errorStatusesMapToTheirClass(int status, ErrorClass expected) {
        fake.script("claude", Behavior.status(status));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, messages("claude"));

        assertThat(failure.errorClass()).isEqualTo(expected);
        assertThat(failure.status()).isEqualTo(status);
    }

    @Test
    void lowCreditBalanceIsCreditExhaustedThoughAnthropicSends400() {
        fake.script("claude", Behavior.insufficientQuota());

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, messages("claude"));

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.errorClass()).isEqualTo(ErrorClass.CREDIT_EXHAUSTED);
    }

    @Test
    void promptTooLongIsContextLengthExceeded() {
        fake.script("claude", Behavior.contextTooLong());

        assertThat(new RecordingListener().awaitFailureOf(adapter, messages("claude")).errorClass())
                .isEqualTo(ErrorClass.CONTEXT_LENGTH_EXCEEDED);
    }

    @Test
    void overloadedErrorEventInsideA200StreamIsOverloaded() {
        fake.script("claude", Behavior.inStreamError("overloaded_error"));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, messages("claude"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.OVERLOADED);
        assertThat(failure.status()).isNull();
    }

    @Test
    void rateLimitRetryAfterIsParsed() {
        fake.script("claude", Behavior.status(429).retryAfter(Duration.ofSeconds(42)));

        assertThat(new RecordingListener().awaitFailureOf(adapter, messages("claude")).retryAfter())
                .isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void invalidKeyMessageNeverShowsTheKey() {
        fake.scriptKey(KEY, Behavior.status(401).message("invalid x-api-key " + KEY));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, messages("claude"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("invalid x-api-key").doesNotContain(KEY).doesNotContain("Zz9TestKey");
    }

    @Test
    void streamDroppedBeforeMessageStopIsAFailure() {
        fake.script("claude", Behavior.dropAfter(2));

        RecordingListener listener = new RecordingListener();
        adapter.stream(messages("claude"), listener);

        assertThat(listener.awaitFailure().errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(listener.deltas()).hasSize(2);
    }

    @Test
    void messageStopWithoutTextIsEmptyResponse() {
        fake.script("claude", Behavior.empty());

        assertThat(new RecordingListener().awaitFailureOf(adapter, messages("claude")).errorClass())
                .isEqualTo(ErrorClass.EMPTY_RESPONSE);
    }

    @Test
    void malformedEventIsUpstreamError() {
        fake.script("claude", Behavior.malformed());

        assertThat(new RecordingListener().awaitFailureOf(adapter, messages("claude")).errorClass())
                .isEqualTo(ErrorClass.UPSTREAM_ERROR);
    }

    @Test
    void hangIsTimeoutWithinTheBound() {
        fake.script("claude", Behavior.hang());

        RecordingListener listener = new RecordingListener();
        adapter.stream(withTimeouts(messages("claude"), Duration.ofMillis(300), Duration.ofMillis(300)), listener);

        assertThat(listener.await(Duration.ofSeconds(3)).failure().errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void modelsArePagedWithAfterIdUntilHasMoreIsFalse() {
        fake.setCatalog("anthropic", List.of(
                new CatalogModel("claude-opus-4-1", "Claude Opus 4.1", null, null, null),
                new CatalogModel("claude-sonnet-4", "Claude Sonnet 4", 200_000, null, null),
                new CatalogModel("claude-3-5-haiku", "Claude Haiku 3.5", null, null, null),
                new CatalogModel("claude-3-haiku", "Claude Haiku 3", null, null, null),
                new CatalogModel("claude-2", "Claude 2", null, null, null)));

        List<CatalogModel> models = adapter.listModels(new ProviderAccess(fake.baseUrl("anthropic"), KEY))
                .toCompletableFuture().join();

        assertThat(models).extracting(CatalogModel::id)
                .containsExactly("claude-opus-4-1", "claude-sonnet-4", "claude-3-5-haiku", "claude-3-haiku", "claude-2");
        assertThat(models.get(0).name()).isEqualTo("Claude Opus 4.1");
        assertThat(models.get(1).contextWindow()).isEqualTo(200_000);
        assertThat(fake.catalogCalls("anthropic")).isEqualTo(3);
        assertThat(fake.requests()).extracting(RecordedRequest::path)
                .anyMatch(path -> path.startsWith("/anthropic/v1/models") && path.contains("after_id=claude-sonnet-4"));
        assertThat(fake.requests()).allSatisfy(r -> {
            assertThat(r.header("x-api-key")).isEqualTo(KEY);
            assertThat(r.header("anthropic-version")).isEqualTo("2023-06-01");
        });
    }

    @Test
    void baseUrlHasNoVersionPath() {
        assertThat(adapter.defaultBaseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(adapter.defaultEndpoint()).isEqualTo(Endpoint.MESSAGES);
        assertThat(adapter.alternativeTo(Endpoint.MESSAGES)).isNull();
    }
}
