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

    @Test
    void eachProviderWordsAnErrorInItsOwnShape() throws Exception {
        fake.script("m", Behavior.status(429).retryAfter(Duration.ofSeconds(5)));

        HttpResponse<String> openai = chat("openai", "/chat/completions", "k", "m", true);
        HttpResponse<String> compatible = chat("openai-compatible", "/chat/completions", null, "m", true);
        HttpResponse<String> openRouter = chat("openrouter", "/chat/completions", "k", "m", true);
        HttpResponse<String> anthropic = chat("anthropic", "/v1/messages", "k", "m", true);

        assertThat(List.of(openai, compatible, openRouter, anthropic)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
        });
        assertThat(openai.body()).contains("\"type\":\"requests\"", "\"code\":\"rate_limit_exceeded\"", "\"param\":null");
        assertThat(compatible.body()).contains("\"type\":\"RateLimitError\"", "\"code\":429");
        assertThat(openRouter.body()).contains("\"code\":429", "\"metadata\":{\"raw\":\"m is temporarily rate-limited upstream");
        assertThat(anthropic.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"")
                .contains("\"request_id\":\"req_fake");
    }

    @Test
    void namedFailuresComeWithEachProvidersStatus() throws Exception {
        fake.script("m", Behavior.insufficientQuota());

        assertThat(chat("openai", "/chat/completions", "k", "m", true).statusCode()).isEqualTo(429);
        assertThat(chat("openai-compatible", "/chat/completions", "k", "m", true).statusCode()).isEqualTo(429);
        assertThat(chat("openrouter", "/chat/completions", "k", "m", true).statusCode()).isEqualTo(402);
        assertThat(chat("anthropic", "/v1/messages", "k", "m", true).body())
                .contains("\"type\":\"invalid_request_error\"", "credit balance is too low");
    }

    @Test
    void streamsCarryEachProvidersRequestIdHeader() throws Exception {
        assertThat(chat("openai", "/responses", "k", "m", true).headers().firstValue("x-request-id")).isPresent();
        assertThat(chat("openrouter", "/chat/completions", "k", "m", true).headers().firstValue("x-request-id")).isPresent();
        HttpResponse<String> anthropic = chat("anthropic", "/v1/messages", "k", "m", true);
        assertThat(anthropic.headers().firstValue("request-id")).isPresent();
        assertThat(anthropic.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        assertThat(anthropic.body()).startsWith("event: message_start\n").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void openRouterReportsAnErrorAfterThe200AsAChunkWithAStatusLikeCode() throws Exception {
        fake.script("m", Behavior.inStreamError("overloaded_error"));

        HttpResponse<String> openRouter = chat("openrouter", "/chat/completions", "k", "m", true);
        HttpResponse<String> openai = chat("openai", "/chat/completions", "k", "m", true);

        assertThat(openRouter.statusCode()).isEqualTo(200);
        assertThat(openRouter.body()).contains("\"provider\":\"Fake\",\"error\":{\"code\":529,\"message\":\"Overloaded\"}",
                "\"finish_reason\":\"error\"");
        assertThat(openai.body()).contains("data: {\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"");
    }

    @Test
    void openAiChunksMarkPendingUsageOnlyWhenAskedAndOpenRouterAlwaysReportsIt() throws Exception {
        HttpResponse<String> plain = chat("openai", "/chat/completions", "k", "m", true);
        HttpResponse<String> openRouter = chat("openrouter", "/chat/completions", "k", "m", true);

        assertThat(plain.body()).doesNotContain("usage").contains("\"system_fingerprint\":null").endsWith("data: [DONE]\n\n");
        assertThat(openRouter.body()).doesNotContain("\"usage\":null").doesNotContain("system_fingerprint")
                .contains("\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}");
    }

    @Test
    void anthropicPagesItsModelListByTwo() throws Exception {
        HttpResponse<String> first = get(fake.baseUrl("anthropic") + "/v1/models", "k", true);
        HttpResponse<String> second = get(fake.baseUrl("anthropic") + "/v1/models?after_id=claude-sonnet-4-20250514", "k", true);

        assertThat(first.body()).contains("\"has_more\":true", "\"last_id\":\"claude-sonnet-4-20250514\"")
                .doesNotContain("claude-3-5-haiku");
        assertThat(second.body()).contains("\"id\":\"claude-3-5-haiku-20241022\"", "\"has_more\":false");
    }

    @Test
    void compatibleServersNeedNoKeyAndTellTheirContextWindow() throws Exception {
        HttpResponse<String> models = get(fake.baseUrl("openai-compatible") + "/models", null, false);
        HttpResponse<String> openRouterWithoutKey = get(fake.baseUrl("openrouter") + "/models", null, false);

        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("\"owned_by\":\"vllm\"", "\"max_model_len\":131072");
        assertThat(openRouterWithoutKey.statusCode()).isEqualTo(401);
        assertThat(openRouterWithoutKey.body()).isEqualTo("{\"error\":{\"message\":\"No auth credentials found\",\"code\":401}}");
    }

    private static HttpResponse<String> chat(String provider, String path, String key, String model, boolean stream)
            throws Exception {
        boolean anthropic = provider.equals("anthropic");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl(provider) + path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream + "}"));
        return HttpClient.newHttpClient().send(withKey(request, key, anthropic).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String key, boolean anthropic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        return HttpClient.newHttpClient().send(withKey(request, key, anthropic).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder withKey(HttpRequest.Builder request, String key, boolean anthropic) {
        if (anthropic) {
            request.header("anthropic-version", "2023-06-01");
        }
        if (key != null) {
            request.header(anthropic ? "x-api-key" : "Authorization", anthropic ? key : "Bearer " + key);
        }
        return request;
    }
}
