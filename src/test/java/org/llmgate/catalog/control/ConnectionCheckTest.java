package org.llmgate.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.StubAdapter;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;

class ConnectionCheckTest {

    static final String KEY = "sk-live-AbCdEf0123456789XyZ";
    static final ProviderAccess ACCESS = new ProviderAccess("http://127.0.0.1:9/v1", KEY);
    static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void a_listed_model_that_answers_passes_and_the_probe_is_cancelled() {
        Stub stub = new Stub(listing("gpt-4o-mini"), (call, listener) -> listener.onDelta("ok"));

        ConnectionReport report = ConnectionCheck.run(stub, ACCESS, "gpt-4o-mini", BOUND).join();

        assertThat(report.ok()).isTrue();
        assertThat(report.keyValid()).isTrue();
        assertThat(report.modelAvailable()).isTrue();
        assertThat(report.errorClass()).isNull();
        assertThat(stub.probes).extracting(UpstreamCall::maxOutputTokens).containsExactly(16);
        assertThat(stub.cancelled).isPositive();
    }

    @Test
    void a_key_the_probe_refuses_is_an_auth_error_and_the_message_never_holds_the_key() {
        Stub stub = new Stub(listing("gpt-4o-mini"), (call, listener) ->
                listener.onFailure(new UpstreamFailure(ErrorClass.AUTH_ERROR, 401, null, "Incorrect API key provided: " + KEY)));

        ConnectionReport report = ConnectionCheck.run(stub, ACCESS, "gpt-4o-mini", BOUND).join();

        assertThat(report.ok()).isFalse();
        assertThat(report.keyValid()).isFalse();
        assertThat(report.errorClass()).isEqualTo("auth_error");
        assertThat(report.message()).doesNotContain(KEY).doesNotContain("AbCdEf0123");
    }

    @Test
    void an_unlisted_model_is_model_not_found_without_a_probe() {
        Stub stub = new Stub(listing("gpt-4o-mini"), (call, listener) -> listener.onDelta("ok"));

        ConnectionReport report = ConnectionCheck.run(stub, ACCESS, "gpt-9", BOUND).join();

        assertThat(report.errorClass()).isEqualTo("model_not_found");
        assertThat(report.keyValid()).isTrue();
        assertThat(report.modelAvailable()).isFalse();
        assertThat(stub.probes).isEmpty();
    }

    @Test
    void a_responses_only_model_is_probed_again_on_the_other_endpoint() {
        Stub stub = new Stub(listing("codex"), (call, listener) -> {
            if (call.endpoint() == Endpoint.CHAT_COMPLETIONS) {
                listener.onFailure(new UpstreamFailure(ErrorClass.ENDPOINT_UNSUPPORTED, 400, null, "only supported in v1/responses"));
            } else {
                listener.onDelta("ok");
            }
        });

        ConnectionReport report = ConnectionCheck.run(stub, ACCESS, "codex", BOUND).join();

        assertThat(report.ok()).isTrue();
        assertThat(stub.probes).extracting(UpstreamCall::endpoint).containsExactly(Endpoint.CHAT_COMPLETIONS, Endpoint.RESPONSES);
    }

    @Test
    void a_model_list_that_never_comes_is_a_timeout_within_the_bound() {
        Stub stub = new Stub(access -> new CompletableFuture<>(), (call, listener) -> listener.onDelta("ok"));

        ConnectionReport report = ConnectionCheck.run(stub, ACCESS, "gpt-4o-mini", Duration.ofMillis(200)).join();

        assertThat(report.errorClass()).isEqualTo("timeout");
        assertThat(report.latencyMs()).isBetween(150L, 2_000L);
    }

    @Test
    void an_unreachable_provider_is_reported_as_such() {
        Stub stub = new Stub(access -> CompletableFuture.failedFuture(new UpstreamFailure(ErrorClass.UNREACHABLE, "connection refused")),
                (call, listener) -> listener.onDelta("ok"));

        ConnectionReport report = ConnectionCheck.run(stub, ACCESS, "gpt-4o-mini", BOUND).join();

        assertThat(report.errorClass()).isEqualTo("unreachable");
        assertThat(report.keyValid()).isFalse();
        assertThat(stub.probes).isEmpty();
    }

    static Function<ProviderAccess, CompletionStage<List<CatalogModel>>> listing(String... ids) {
        List<CatalogModel> models = new ArrayList<>();
        for (String id : ids) {
            models.add(new CatalogModel(id, id, null, null, null));
        }
        return access -> CompletableFuture.completedFuture(models);
    }

    interface Probe {
        void answer(UpstreamCall call, StreamListener listener);
    }

    static final class Stub extends StubAdapter {
        final Function<ProviderAccess, CompletionStage<List<CatalogModel>>> catalog;
        final Probe probe;
        final List<UpstreamCall> probes = new ArrayList<>();
        int cancelled;

        Stub(Function<ProviderAccess, CompletionStage<List<CatalogModel>>> catalog, Probe probe) {
            this.catalog = catalog;
            this.probe = probe;
        }

        @Override
        public Endpoint alternativeTo(Endpoint failed) {
            return failed == Endpoint.CHAT_COMPLETIONS ? Endpoint.RESPONSES : null;
        }

        @Override
        public synchronized StreamHandle stream(UpstreamCall call, StreamListener listener) {
            probes.add(call);
            probe.answer(call, listener);
            return () -> {
                synchronized (this) {
                    cancelled++;
                }
            };
        }

        @Override
        public CompletionStage<List<CatalogModel>> listModels(ProviderAccess access) {
            return catalog.apply(access);
        }
    }
}
