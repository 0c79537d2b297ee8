package org.llmgate.providers.openrouter;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.RecordingListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.UpstreamHttp;
import org.llmgate.testsupport.fake.Behavior;
import org.llmgate.testsupport.fake.FakeProvider;
import org.llmgate.testsupport.fake.RecordedRequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.providers.Calls.call;
import static org.llmgate.providers.Calls.withTimeouts;

class OpenRouterAdapterTest {

    static final String KEY = "sk-or-v1-" + "0123456789abcdef".repeat(4); // built, so no key-shaped literal sits in git

    static FakeProvider fake;
    static UpstreamHttp http;
    static OpenRouterAdapter adapter;

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
        http = new UpstreamHttp();
        adapter = new OpenRouterAdapter(http);
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

    private UpstreamCall chat(String model) {
        return call(fake.baseUrl("openrouter"), KEY, model, Endpoint.CHAT_COMPLETIONS);
    }

    @Test
    void streamsTheAnswerWithBearerAuthAndXTitle() {
        RecordingListener listener = new RecordingListener();
        adapter.stream(chat("meta-llama/llama-3.3-70b-instruct:free"), listener);

        assertThat(listener.await().completed()).isTrue();
        assertThat(listener.text()).isEqualTo("Hello from meta-llama/llama-3.3-70b-instruct:free");
        RecordedRequest request = fake.requests().get(0);
        assertThat(request.path()).isEqualTo("/openrouter/api/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("X-Title")).isEqualTo("llmgate");
        JsonObject body = JsonSupport.parseObject(request.body());
        assertThat(body.getInt("max_tokens")).isEqualTo(64);
    }

    @Test
    void keepAliveCommentsCountAsProgress() {
        // the first token comes after 900 ms, well past the 300 ms bounds; a comment every 150 ms keeps the stream alive
        fake.script("slow", Behavior.answer("late", " answer").keepAlives(6).delay(Duration.ofMillis(900)));

        RecordingListener listener = new RecordingListener();
        adapter.stream(withTimeouts(chat("slow"), Duration.ofMillis(300), Duration.ofMillis(300)), listener);

        assertThat(listener.await(Duration.ofSeconds(5)).completed()).isTrue();
        assertThat(listener.text()).isEqualTo("late answer");
    }

    @Test
    void withoutKeepAlivesTheSameSilenceIsTimeout() {
        fake.script("slow", Behavior.answer("late").delay(Duration.ofMillis(900)));

        RecordingListener listener = new RecordingListener();
        adapter.stream(withTimeouts(chat("slow"), Duration.ofMillis(300), Duration.ofMillis(300)), listener);

        assertThat(listener.await(Duration.ofSeconds(5)).failure().errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void upstream429InsideA200StreamIsRateLimitedNotAnEmptyAnswer() {
        fake.script("google/gemma-3-27b-it:free", Behavior.inStreamError("429"));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("google/gemma-3-27b-it:free"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
    }

    @Test
    void serverErrorChunkIsUpstreamError() {
        fake.script("m", Behavior.inStreamError("server_error"));

        assertThat(new RecordingListener().awaitFailureOf(adapter, chat("m")).errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
    }

    @Test
    void outOfCreditsIsCreditExhausted() {
        fake.script("openai/gpt-4o", Behavior.status(402));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("openai/gpt-4o"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.CREDIT_EXHAUSTED);
        assertThat(failure.getMessage()).contains("Insufficient credits");
    }

    @Test
    void moderationFlagIsContentFilteredNotAuth() {
        fake.script("openai/gpt-4o", Behavior.contentFiltered());

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("openai/gpt-4o"));

        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.errorClass()).isEqualTo(ErrorClass.CONTENT_FILTERED);
    }

    @Test
    void unknownKeyIsAuthErrorAndRateLimitKeepsRetryAfter() {
        fake.script("a", Behavior.status(401));
        fake.script("b", Behavior.status(429).retryAfter(Duration.ofSeconds(9)));

        assertThat(new RecordingListener().awaitFailureOf(adapter, chat("a")).errorClass()).isEqualTo(ErrorClass.AUTH_ERROR);
        UpstreamFailure limited = new RecordingListener().awaitFailureOf(adapter, chat("b"));
        assertThat(limited.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void noEndpointsFoundIsModelNotFound() {
        fake.script("nope/nope", Behavior.status(404));

        assertThat(new RecordingListener().awaitFailureOf(adapter, chat("nope/nope")).errorClass())
                .isEqualTo(ErrorClass.MODEL_NOT_FOUND);
    }

    @Test
    void droppedStreamIsAFailure() {
        fake.script("m", Behavior.dropAfter(2));

        RecordingListener listener = new RecordingListener();
        adapter.stream(chat("m"), listener);

        assertThat(listener.awaitFailure().errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(listener.deltas()).hasSize(2);
    }

    @Test
    void anEndpointOtherThanChatIsSentToChatCompletions() {
        RecordingListener listener = new RecordingListener();
        adapter.stream(call(fake.baseUrl("openrouter"), KEY, "m", Endpoint.RESPONSES), listener);

        assertThat(listener.await().completed()).isTrue();
        assertThat(fake.calls("m", Endpoint.CHAT_COMPLETIONS)).isEqualTo(1);
        assertThat(adapter.alternativeTo(Endpoint.CHAT_COMPLETIONS)).isNull();
    }

    @Test
    void catalogPricesBecomeCentsPerMillionTokens() {
        fake.setCatalog("openrouter", List.of(
                new CatalogModel("openai/gpt-4o-mini", "OpenAI: GPT-4o-mini", 128_000, new BigDecimal("15"), new BigDecimal("60")),
                new CatalogModel("meta-llama/llama-3.3-70b-instruct:free", "Llama (free)", 131_072, BigDecimal.ZERO, BigDecimal.ZERO),
                new CatalogModel("x/cheap", "Cheap", null, new BigDecimal("0.5"), new BigDecimal("1.25"))));

        List<CatalogModel> models = adapter.listModels(new ProviderAccess(fake.baseUrl("openrouter"), KEY))
                .toCompletableFuture().join();

        assertThat(models).hasSize(3);
        CatalogModel mini = models.get(0);
        assertThat(mini.name()).isEqualTo("OpenAI: GPT-4o-mini");
        assertThat(mini.contextWindow()).isEqualTo(128_000);
        assertThat(mini.inputCentsPerMillion()).isEqualByComparingTo("15");
        assertThat(mini.inputCentsPerMillion().toPlainString()).isEqualTo("15");
        assertThat(mini.outputCentsPerMillion().toPlainString()).isEqualTo("60");
        assertThat(models.get(1).inputCentsPerMillion()).isEqualByComparingTo("0");
        assertThat(models.get(2).inputCentsPerMillion().toPlainString()).isEqualTo("0.5");
        assertThat(models.get(2).outputCentsPerMillion().toPlainString()).isEqualTo("1.25");
        assertThat(models.get(2).contextWindow()).isNull();
    }

    @Test
    void usdPerTokenStringsConvertExactly() {
        assertThat(OpenRouterAdapter.centsPerMillion(new BigDecimal("0.00000015")).toPlainString()).isEqualTo("15");
        assertThat(OpenRouterAdapter.centsPerMillion(new BigDecimal("0.000003")).toPlainString()).isEqualTo("300");
        assertThat(OpenRouterAdapter.centsPerMillion(new BigDecimal("0")).toPlainString()).isEqualTo("0");
        assertThat(OpenRouterAdapter.centsPerMillion(new BigDecimal("-1"))).isNull();
    }
}
