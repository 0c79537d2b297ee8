package org.llmgate.testsupport.fake;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.RecordingListener;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.UpstreamHttp;
import org.llmgate.providers.anthropic.AnthropicAdapter;
import org.llmgate.providers.openai.OpenAiAdapter;
import org.llmgate.providers.openrouter.OpenRouterAdapter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.llmgate.providers.Calls.call;

/** The fake's own promises, which other packages' system tests rely on. */
class FakeProviderTest {

    static FakeProvider fake;
    static UpstreamHttp http;

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
        http = new UpstreamHttp();
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

    @Test
    void baseUrlsFollowEachSdkConvention() {
        String root = "http://127.0.0.1:" + fake.port();
        assertThat(fake.baseUrl("openai")).isEqualTo(root + "/openai/v1");
        assertThat(fake.baseUrl("openai-compatible")).isEqualTo(root + "/compatible/v1");
        assertThat(fake.baseUrl("openrouter")).isEqualTo(root + "/openrouter/api/v1");
        assertThat(fake.baseUrl("anthropic")).isEqualTo(root + "/anthropic");
    }

    @Test
    void modelNamesChooseFailuresWhenUnscripted() {
        OpenAiAdapter openai = new OpenAiAdapter(http);
        String base = fake.baseUrl("openai");

        UpstreamFailure limited = new RecordingListener().awaitFailureOf(openai, call(base, "k", "x-always-429", Endpoint.CHAT_COMPLETIONS));
        assertThat(limited.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new RecordingListener().awaitFailureOf(openai, call(base, "k", "always-401", Endpoint.CHAT_COMPLETIONS)).errorClass())
                .isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(new RecordingListener().awaitFailureOf(openai, call(base, "k", "always-402", Endpoint.CHAT_COMPLETIONS)).errorClass())
                .isEqualTo(ErrorClass.CREDIT_EXHAUSTED);
        assertThat(new RecordingListener().awaitFailureOf(openai, call(base, "k", "always-500", Endpoint.CHAT_COMPLETIONS)).errorClass())
                .isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(new RecordingListener().awaitFailureOf(new AnthropicAdapter(http),
                call(fake.baseUrl("anthropic"), "k", "claude-always-529", Endpoint.MESSAGES)).errorClass())
                .isEqualTo(ErrorClass.OVERLOADED);
        assertThat(new RecordingListener().awaitFailureOf(openai, call(base, "k", "empty-model", Endpoint.CHAT_COMPLETIONS)).errorClass())
                .isEqualTo(ErrorClass.EMPTY_RESPONSE);
        assertThat(new RecordingListener().awaitFailureOf(openai, call(base, "k", "o3-responses-only", Endpoint.CHAT_COMPLETIONS)).errorClass())
                .isEqualTo(ErrorClass.ENDPOINT_UNSUPPORTED);
        assertThat(fake.calls("always-401")).isEqualTo(1);
    }

    @Test
    void keyScriptWinsOverModelScript() {
        OpenRouterAdapter openRouter = new OpenRouterAdapter(http);
        fake.script("m", Behavior.answer("fine"));
        fake.scriptKey("sk-or-v1-dead", Behavior.status(401));

        RecordingListener good = new RecordingListener();
        openRouter.stream(call(fake.baseUrl("openrouter"), "sk-or-v1-alive", "m", Endpoint.CHAT_COMPLETIONS), good);
        assertThat(good.await().completed()).isTrue();
        assertThat(new RecordingListener().awaitFailureOf(openRouter,
                call(fake.baseUrl("openrouter"), "sk-or-v1-dead", "m", Endpoint.CHAT_COMPLETIONS)).errorClass())
                .isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(fake.calls("m")).isEqualTo(2);
        assertThat(fake.calls("m", Endpoint.CHAT_COMPLETIONS)).isEqualTo(2);
        assertThat(fake.calls("m", Endpoint.RESPONSES)).isZero();
    }

    @Test
    void missingCredentialsGetTheProvidersRealRefusal() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> openai = client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl("openai") + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anthropic = client.send(HttpRequest.newBuilder(URI.create(fake.baseUrl("anthropic") + "/v1/messages"))
                .header("x-api-key", "k")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(openai.statusCode()).isEqualTo(401);
        assertThat(openai.body()).contains("\"type\":\"invalid_request_error\"");
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(anthropic.body()).contains("anthropic-version");
    }

    @Test
    void nonStreamingCallsGetAWholeAnswer() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl("openai") + "/chat/completions"))
                        .header("Authorization", "Bearer k")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"Hello from gpt-4o\"");
    }

    @Test
    void downFailsCatalogsWith503AndCatalogCallsAreCounted() {
        OpenRouterAdapter openRouter = new OpenRouterAdapter(http);
        ProviderAccess access = new ProviderAccess(fake.baseUrl("openrouter"), "k");
        assertThat(openRouter.listModels(access).toCompletableFuture().join()).extracting(CatalogModel::id)
                .contains("meta-llama/llama-3.3-70b-instruct:free");

        fake.setDown(true);

        assertThatThrownBy(() -> openRouter.listModels(access).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(UpstreamFailure.class, f -> assertThat(f.status()).isEqualTo(503));
        assertThat(fake.catalogCalls("openrouter")).isEqualTo(2);
        assertThat(fake.catalogCalls("openai")).isZero();
    }

    @Test
    void catalogDelayHoldsTheAnswer() {
        fake.setCatalogDelay(Duration.ofMillis(400));
        fake.setCatalog("openai", List.of(new CatalogModel("gpt-4o", null, null, null, null)));

        long started = System.nanoTime();
        List<CatalogModel> models = new OpenAiAdapter(http).listModels(new ProviderAccess(fake.baseUrl("openai"), "k"))
                .toCompletableFuture().join();

        assertThat(models).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void resetForgetsScriptsCountsAndRequests() {
        fake.script("m", Behavior.status(500));
        RecordingListener listener = new RecordingListener();
        new OpenAiAdapter(http).stream(call(fake.baseUrl("openai"), "k", "m", Endpoint.CHAT_COMPLETIONS), listener);
        listener.await();

        fake.reset();

        assertThat(fake.calls("m")).isZero();
        assertThat(fake.requests()).isEmpty();
        RecordingListener again = new RecordingListener();
        new OpenAiAdapter(http).stream(call(fake.baseUrl("openai"), "k", "m", Endpoint.CHAT_COMPLETIONS), again);
        assertThat(again.await().completed()).isTrue();
    }
}
