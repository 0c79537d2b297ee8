package org.llmgate.providers.compatible;

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
import org.llmgate.testsupport.fake.Behavior;
import org.llmgate.testsupport.fake.FakeProvider;

import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.llmgate.providers.Calls.call;

class OpenAiCompatibleAdapterTest {

    static FakeProvider fake;
    static UpstreamHttp http;
    static OpenAiCompatibleAdapter adapter;

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
        http = new UpstreamHttp();
        adapter = new OpenAiCompatibleAdapter(http);
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
    void localServerWithoutKeyGetsNoAuthorizationHeader() {
        RecordingListener listener = new RecordingListener();
        adapter.stream(call(fake.baseUrl("openai-compatible"), null, "llama3", Endpoint.CHAT_COMPLETIONS), listener);

        assertThat(listener.await().completed()).isTrue();
        assertThat(listener.text()).isEqualTo("Hello from llama3");
        assertThat(fake.requests().get(0).path()).isEqualTo("/compatible/v1/chat/completions");
        assertThat(fake.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void keyWhenGivenIsSentAsBearer() {
        RecordingListener listener = new RecordingListener();
        adapter.stream(call(fake.baseUrl("openai-compatible"), "local-secret-1234", "llama3", Endpoint.CHAT_COMPLETIONS), listener);
        listener.await();

        assertThat(fake.requests().get(0).header("Authorization")).isEqualTo("Bearer local-secret-1234");
    }

    @Test
    void unauthorizedFromVllmIsAuthErrorWithoutTheKey() {
        fake.script("llama3", Behavior.status(401).message("Unauthorized key local-secret-1234"));

        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter,
                call(fake.baseUrl("openai-compatible"), "local-secret-1234", "llama3", Endpoint.CHAT_COMPLETIONS));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(failure.getMessage()).doesNotContain("local-secret-1234");
    }

    @Test
    void responsesEndpointIsSpokenToo() {
        RecordingListener listener = new RecordingListener();
        adapter.stream(call(fake.baseUrl("openai-compatible"), null, "llama3", Endpoint.RESPONSES), listener);

        assertThat(listener.await().completed()).isTrue();
        assertThat(fake.requests().get(0).path()).isEqualTo("/compatible/v1/responses");
    }

    @Test
    void missingBaseUrlIsUnreachable() {
        UpstreamFailure failure = new RecordingListener().awaitFailureOf(adapter,
                call(null, null, "llama3", Endpoint.CHAT_COMPLETIONS));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.UNREACHABLE);
        assertThat(adapter.defaultBaseUrl()).isNull();
        assertThat(adapter.requiresApiKey()).isFalse();
    }

    @Test
    void modelListReadsVllmMaxModelLen() {
        fake.setCatalog("openai-compatible", List.of(new CatalogModel("meta-llama/Llama-3.1-8B-Instruct", null, 131_072, null, null),
                new CatalogModel("qwen2.5", null, null, null, null)));

        List<CatalogModel> models = adapter.listModels(new ProviderAccess(fake.baseUrl("openai-compatible"), null))
                .toCompletableFuture().join();

        assertThat(models).extracting(CatalogModel::id).containsExactly("meta-llama/Llama-3.1-8B-Instruct", "qwen2.5");
        assertThat(models.get(0).contextWindow()).isEqualTo(131_072);
        assertThat(models.get(1).contextWindow()).isNull();
    }

    @Test
    void modelListFromADownServerFailsClassified() {
        fake.setDown(true);

        assertThatThrownBy(() -> adapter.listModels(new ProviderAccess(fake.baseUrl("openai-compatible"), null))
                .toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(UpstreamFailure.class, f -> {
                    assertThat(f.errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
                    assertThat(f.status()).isEqualTo(503);
                });
    }
}
