package org.llmgate.providers.openai;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.RecordingListener;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.UpstreamHttp;
import org.llmgate.providers.Usage;
import org.llmgate.testsupport.fake.Behavior;
import org.llmgate.testsupport.fake.FakeProvider;
import org.llmgate.testsupport.fake.RecordedRequest;

import java.lang.ref.WeakReference;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.llmgate.providers.Calls.call;
import static org.llmgate.providers.Calls.withTimeouts;

class OpenAiAdapterTest {

    static final String KEY = "sk-proj-Qx7TestKey0123456789abcdefWXYZ";

    static FakeProvider fake;
    static UpstreamHttp http;
    static OpenAiAdapter adapter;

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
        http = new UpstreamHttp();
        adapter = new OpenAiAdapter(http);
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
        return call(fake.baseUrl("openai"), KEY, model, Endpoint.CHAT_COMPLETIONS);
    }

    private RecordingListener run(UpstreamCall call) {
        RecordingListener listener = new RecordingListener();
        adapter.stream(call, listener);
        listener.await();
        return listener;
    }

    @Test
    void chatCompletionsStreamTheAnswerWithUsage() {
        fake.script("gpt-4o", Behavior.answer("Hel", "lo", "!").usage(21, 3));

        RecordingListener listener = run(chat("gpt-4o"));

        assertThat(listener.deltas()).containsExactly("Hel", "lo", "!");
        assertThat(listener.await().usage()).isEqualTo(new Usage(21, 3));
        assertThat(listener.contractBroken()).isFalse();
        assertThat(fake.calls("gpt-4o", Endpoint.CHAT_COMPLETIONS)).isEqualTo(1);
    }

    @Test
    void chatRequestIsOpenAisWireFormatWithBearerAuthOnTheBaseUrl() {
        run(chat("gpt-4o"));

        RecordedRequest request = fake.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("x-api-key")).isNull();
        JsonObject body = JsonSupport.parseObject(request.body());
        assertThat(body.getString("model")).isEqualTo("gpt-4o");
        assertThat(body.getBoolean("stream")).isTrue();
        assertThat(body.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
        assertThat(body.getInt("max_completion_tokens")).isEqualTo(64);
        assertThat(body.getJsonNumber("temperature").doubleValue()).isEqualTo(0.2);
        assertThat(body.getJsonArray("messages")).hasSize(2);
        assertThat(body.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("system");
    }

    @Test
    void responsesApiStreamsTheAnswerWithUsage() {
        fake.script("o3-pro", Behavior.responsesOnly().usage(30, 5));

        RecordingListener listener = run(call(fake.baseUrl("openai"), KEY, "o3-pro", Endpoint.RESPONSES));

        assertThat(listener.text()).isEqualTo("Hello from o3-pro");
        assertThat(listener.await().usage()).isEqualTo(new Usage(30, 5));
        RecordedRequest request = fake.requests().get(0);
        assertThat(request.path()).isEqualTo("/openai/v1/responses");
        JsonObject body = JsonSupport.parseObject(request.body());
        assertThat(body.getJsonArray("input")).hasSize(2);
        assertThat(body.getInt("max_output_tokens")).isEqualTo(64);
        assertThat(body.getBoolean("store")).isFalse();
        assertThat(fake.calls("o3-pro", Endpoint.RESPONSES)).isEqualTo(1);
    }

    @Test
    void responsesOnlyModelOnChatCompletionsIsEndpointUnsupportedNotModelNotFound() {
        fake.script("o3-pro", Behavior.responsesOnly());

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("o3-pro"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.ENDPOINT_UNSUPPORTED);
        assertThat(failure.status()).isEqualTo(404);
        assertThat(adapter.alternativeTo(Endpoint.CHAT_COMPLETIONS)).isEqualTo(Endpoint.RESPONSES);
        assertThat(adapter.alternativeTo(Endpoint.RESPONSES)).isEqualTo(Endpoint.CHAT_COMPLETIONS);
    }

    @Test
    void chatOnlyModelOnResponsesIsEndpointUnsupported() {
        fake.script("gpt-4o-audio", Behavior.chatOnly());

        UpstreamFailure failure = new RecordingListener()
                .awaitFailureOf(adapter, call(fake.baseUrl("openai"), KEY, "gpt-4o-audio", Endpoint.RESPONSES));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.ENDPOINT_UNSUPPORTED);
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
            "502, UPSTREAM_ERROR",
            "503, UPSTREAM_ERROR",
            "504, UPSTREAM_ERROR",
            "529, OVERLOADED"})
    void errorStatusesMapToTheirClass(int status, ErrorClass expected) {
        fake.script("gpt-4o", Behavior.status(status));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("gpt-4o"));

        assertThat(failure.errorClass()).isEqualTo(expected);
        assertThat(failure.status()).isEqualTo(status);
    }

    @Test
    void insufficientQuotaComesWith429ButIsCreditExhausted() {
        fake.script("gpt-4o", Behavior.insufficientQuota());

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("gpt-4o"));

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.errorClass()).isEqualTo(ErrorClass.CREDIT_EXHAUSTED);
    }

    @Test
    void contextTooLongAndSafetyRefusalsAreTheirOwnClasses() {
        fake.script("long", Behavior.contextTooLong());
        fake.script("unsafe", Behavior.contentFiltered());

        assertThat(new RecordingListener().awaitFailureOf(adapter, chat("long")).errorClass())
                .isEqualTo(ErrorClass.CONTEXT_LENGTH_EXCEEDED);
        assertThat(new RecordingListener().awaitFailureOf(adapter, chat("unsafe")).errorClass())
                .isEqualTo(ErrorClass.CONTENT_FILTERED);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        fake.script("gpt-4o", Behavior.status(429).retryAfter(Duration.ofSeconds(17)));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("gpt-4o"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void deadKeyIsAuthErrorAndTheEchoedKeyIsRedacted() {
        fake.scriptKey(KEY, Behavior.status(401));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("gpt-4o"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(failure.getMessage()).contains("Incorrect API key provided")
                .doesNotContain(KEY)
                .doesNotContain(KEY.substring(0, 8))
                .doesNotContain(KEY.substring(KEY.length() - 4));
    }

    @Test
    void keyEchoedInFullIsRedacted() {
        fake.script("gpt-4o", Behavior.status(401).message("Incorrect API key provided: " + KEY + " (Bearer " + KEY + ")"));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("gpt-4o"));

        assertThat(failure.getMessage()).doesNotContain(KEY).doesNotContain("Qx7TestKey");
    }

    @Test
    void errorEventOnTheResponsesStreamIsClassified() {
        fake.script("o3", Behavior.inStreamError("rate_limit_exceeded"));

        UpstreamFailure failure = new RecordingListener()
                .awaitFailureOf(adapter, call(fake.baseUrl("openai"), KEY, "o3", Endpoint.RESPONSES));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(failure.status()).isNull();
    }

    @Test
    void errorChunkOnChatCompletionsIsClassified() {
        fake.script("gpt-4o", Behavior.inStreamError("server_error"));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("gpt-4o"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(failure.getMessage()).contains("The server had an error");
    }

    @Test
    void aFinishedChatIsNotKeptAliveByItsPooledConnection() throws InterruptedException {
        fake.script("gpt-4o", Behavior.answer("Hel", "lo").usage(21, 2));

        WeakReference<RecordingListener> finished = finishedChat();
        assertThat(run(chat("gpt-4o")).await().completed()).as("the connection went back to the pool and serves the next chat").isTrue();

        // issue 16: an idle pooled connection keeps its last body subscriber, and through it the stream; the
        // stream let go of its listener, which stands for the chat's client stream, request and response
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (finished.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(finished.get()).as("the finished chat's listener, once collectable").isNull();
    }

    private WeakReference<RecordingListener> finishedChat() {
        RecordingListener listener = run(chat("gpt-4o"));
        assertThat(listener.await().completed()).isTrue();
        return new WeakReference<>(listener);
    }

    @Test
    void streamDroppedAfterTwoTokensIsAFailureNotACompletion() {
        fake.script("gpt-4o", Behavior.dropAfter(2));

        RecordingListener listener = new RecordingListener();
        adapter.stream(chat("gpt-4o"), listener);
        UpstreamFailure failure = listener.awaitFailure();

        assertThat(listener.deltas()).hasSize(2);
        assertThat(failure.errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(listener.terminalCalls()).isEqualTo(1);
        // the relay writes its client once per read (issue 16): the read with the two tokens was passed on
        assertThat(listener.afterReads()).isBetween(1, 2);
        assertThat(listener.contractBroken()).isFalse();
    }

    @Test
    void responsesStreamDroppedBeforeCompletedIsAFailure() {
        fake.script("o3", Behavior.dropAfter(2));

        RecordingListener listener = new RecordingListener();
        adapter.stream(call(fake.baseUrl("openai"), KEY, "o3", Endpoint.RESPONSES), listener);

        assertThat(listener.awaitFailure().errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(listener.deltas()).hasSize(2);
    }

    @Test
    void streamWithoutTextIsEmptyResponseOnBothEndpoints() {
        fake.script("gpt-4o", Behavior.empty());

        assertThat(new RecordingListener().awaitFailureOf(adapter, chat("gpt-4o")).errorClass())
                .isEqualTo(ErrorClass.EMPTY_RESPONSE);
        assertThat(new RecordingListener().awaitFailureOf(adapter,
                call(fake.baseUrl("openai"), KEY, "gpt-4o", Endpoint.RESPONSES)).errorClass())
                .isEqualTo(ErrorClass.EMPTY_RESPONSE);
    }

    @Test
    void invalidJsonInTheStreamIsUpstreamError() {
        fake.script("gpt-4o", Behavior.malformed());

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, chat("gpt-4o"));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
    }

    @Test
    void noHeadersWithinTheFirstByteTimeoutIsTimeout() {
        fake.script("gpt-4o", Behavior.hang());
        UpstreamCall call = withTimeouts(chat("gpt-4o"), Duration.ofMillis(300), Duration.ofMillis(300));

        long started = System.nanoTime();
        RecordingListener listener = new RecordingListener();
        adapter.stream(call, listener);
        UpstreamFailure failure = listener.await(Duration.ofSeconds(3)).failure();

        assertThat(failure).isNotNull();
        assertThat(failure.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void silenceAfterTheHeadersIsTimeout() {
        fake.script("gpt-4o", Behavior.hangAfterHeaders());
        UpstreamCall call = withTimeouts(chat("gpt-4o"), Duration.ofMillis(300), Duration.ofMillis(300));

        RecordingListener listener = new RecordingListener();
        adapter.stream(call, listener);

        assertThat(listener.await(Duration.ofSeconds(3)).failure().errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void silenceMidStreamIsTimeoutAfterTheIdleBound() {
        fake.script("gpt-4o", Behavior.answer("a", "b").delay(Duration.ofSeconds(5)));
        UpstreamCall call = withTimeouts(chat("gpt-4o"), Duration.ofMillis(400), Duration.ofMillis(400));

        RecordingListener listener = new RecordingListener();
        adapter.stream(call, listener);

        assertThat(listener.await(Duration.ofSeconds(3)).failure().errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void aBaseUrlThatIsNoUriIsUnreachableEveryTime() {
        // the chat URIs are remembered per base URL; one that does not parse is never remembered
        for (Endpoint endpoint : new Endpoint[] {Endpoint.CHAT_COMPLETIONS, Endpoint.RESPONSES, Endpoint.CHAT_COMPLETIONS}) {
            UpstreamCall call = call("http://bad host/v1", KEY, "gpt-4o", endpoint);

            UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, call);

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.UNREACHABLE);
            assertThat(failure.getMessage()).contains("invalid base URL");
        }
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        UpstreamCall call = call("http://127.0.0.1:" + port + "/v1", KEY, "gpt-4o", Endpoint.CHAT_COMPLETIONS);

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter, call);

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.UNREACHABLE);
        assertThat(failure.getMessage()).doesNotContain(KEY);
    }

    @Test
    void cancelStopsEveryListenerCall() throws Exception {
        fake.script("gpt-4o", Behavior.answer("a", "b").delay(Duration.ofMillis(300)));

        RecordingListener listener = new RecordingListener();
        StreamHandle handle = adapter.stream(chat("gpt-4o"), listener);
        handle.cancel();
        TimeUnit.MILLISECONDS.sleep(700); // the answer would have arrived by now; nothing may reach the listener

        assertThat(listener.ended()).isFalse();
        assertThat(listener.deltas()).isEmpty();
    }

    @Test
    void modelsAreListedFromDataIds() {
        fake.setCatalog("openai", List.of(new CatalogModel("gpt-4o", null, null, null, null),
                new CatalogModel("o3-pro", null, null, null, null)));

        List<CatalogModel> models = adapter.listModels(new ProviderAccess(fake.baseUrl("openai"), KEY))
                .toCompletableFuture().join();

        assertThat(models).extracting(CatalogModel::id).containsExactly("gpt-4o", "o3-pro");
        assertThat(models.get(0).inputCentsPerMillion()).isNull();
        assertThat(fake.requests().get(0).path()).isEqualTo("/openai/v1/models");
        assertThat(fake.requests().get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void modelListWithADeadKeyFailsClassified() {
        fake.setDown(true);

        assertThatThrownBy(() -> adapter.listModels(new ProviderAccess(fake.baseUrl("openai"), KEY)).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(UpstreamFailure.class,
                        f -> assertThat(f.errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR));
    }

    @Test
    void defaultBaseUrlIsOpenAis() {
        assertThat(adapter.defaultBaseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(adapter.defaultEndpoint()).isEqualTo(Endpoint.CHAT_COMPLETIONS);
        assertThat(adapter.requiresApiKey()).isTrue();
    }
}
