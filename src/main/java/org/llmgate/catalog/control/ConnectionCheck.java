package org.llmgate.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.llmgate.platform.Settings;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.ChatMessage;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.Redaction;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.Usage;

/**
 * Checks a key and a model against the provider (SPEC §8, test-connection), live and within one
 * time bound.
 *
 * <p>First the model list, called with the key: OpenAI and Anthropic refuse a bad key there, and
 * it tells whether the model exists. When the model is listed, a tiny chat probe (16 output tokens,
 * cancelled at the first token) follows, because a list is not proof: OpenRouter's list is public,
 * and a listed model can still refuse the key (402 out of credit, 401 revoked). A model the list
 * does not hold is reported as model_not_found without a probe.
 */
@ApplicationScoped
public class ConnectionCheck {

    private static final List<ChatMessage> PING = List.of(new ChatMessage("user", "Reply with: ok"));
    private static final int PROBE_TOKENS = 16;

    /** A ceiling above the configured bound, for a check that ignores it (see {@link UncheckedConnection}). */
    static final long CEILING_MS = 60_000;
    static final int CONCURRENT = 4;
    static final int QUEUED = 8;

    @Inject
    Settings settings;

    /**
     * The check, bounded by {@code llmgate.catalog.test-timeout-ms}. Each check may cost a few tokens,
     * so only {@value #CONCURRENT} run at once and {@value #QUEUED} more wait; a check past the
     * ceiling or beyond the queue gets the answer of {@link UncheckedConnection}. It waits for its
     * report on a fault-tolerance worker (Payara times and bulkheads the method's own run).
     */
    @Asynchronous
    @Timeout(CEILING_MS)
    @Bulkhead(value = CONCURRENT, waitingTaskQueue = QUEUED)
    @Fallback(value = UncheckedConnection.class, applyOn = {TimeoutException.class, BulkheadException.class})
    public CompletionStage<ConnectionReport> run(ProviderAdapter adapter, ProviderAccess access, String model) {
        return CompletableFuture.completedFuture(Outcome.await(run(adapter, access, model, settings.catalogTestTimeout())));
    }

    static CompletableFuture<ConnectionReport> run(ProviderAdapter adapter, ProviderAccess access, String model,
                                                   Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        AtomicReference<StreamHandle> probe = new AtomicReference<>();
        CompletableFuture<Verdict> verdict;
        try {
            verdict = adapter.listModels(access).toCompletableFuture()
                    .handle((models, error) -> afterCatalog(adapter, access, model, models, error, deadline, probe))
                    .thenCompose(next -> next);
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        return verdict.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> HttpErrorClassifier.unwrap(error) instanceof java.util.concurrent.TimeoutException
                        ? Verdict.failed(false, false, ErrorClass.TIMEOUT,
                                adapter.id() + " did not answer within " + timeout.toMillis() + " ms")
                        : Verdict.of(false, false, CatalogEntry.asUpstreamFailure(error)))
                .thenApply(v -> v.report((System.nanoTime() - started) / 1_000_000, access.apiKey()))
                .whenComplete((report, error) -> {
                    StreamHandle handle = probe.getAndSet(Probe.DONE);
                    if (handle != null) {
                        handle.cancel();
                    }
                });
    }

    private static CompletableFuture<Verdict> afterCatalog(ProviderAdapter adapter, ProviderAccess access, String model,
                                                           List<CatalogModel> models, Throwable error, long deadline,
                                                           AtomicReference<StreamHandle> probe) {
        if (error != null) {
            UpstreamFailure failure = CatalogEntry.asUpstreamFailure(error);
            return switch (failure.errorClass()) {
                case AUTH_ERROR, UNREACHABLE, TIMEOUT -> CompletableFuture.completedFuture(Verdict.of(false, false, failure));
                case CREDIT_EXHAUSTED -> CompletableFuture.completedFuture(Verdict.of(true, false, failure));
                // the list itself is unusable (a server without /models, a 5xx): the chat call decides
                default -> new Probe(adapter, access, model, deadline, probe, false).start();
            };
        }
        boolean listed = models.stream().anyMatch(m -> model.equals(m.id()));
        if (!listed) {
            return CompletableFuture.completedFuture(Verdict.failed(true, false, ErrorClass.MODEL_NOT_FOUND,
                    "model '" + model + "' is not in the " + adapter.id() + " catalog (" + models.size() + " models)"));
        }
        return new Probe(adapter, access, model, deadline, probe, true).start();
    }

    /** The outcome before its latency is known. */
    record Verdict(boolean keyValid, boolean modelAvailable, ErrorClass errorClass, String message) {

        static Verdict passed() {
            return new Verdict(true, true, null, null);
        }

        static Verdict failed(boolean keyValid, boolean modelAvailable, ErrorClass errorClass, String message) {
            return new Verdict(keyValid, modelAvailable, errorClass, message);
        }

        static Verdict of(boolean keyValid, boolean modelAvailable, UpstreamFailure failure) {
            return failed(keyValid, modelAvailable, failure.errorClass(), failure.getMessage());
        }

        ConnectionReport report(long latencyMs, String apiKey) {
            return new ConnectionReport(errorClass == null, keyValid, modelAvailable, latencyMs,
                    errorClass == null ? null : errorClass.wireName(),
                    message == null ? null : Redaction.redact(message, apiKey));
        }
    }

    /** One small streamed chat; retried once on the model's other endpoint when the first refuses it (SPEC §6). */
    private static final class Probe implements StreamListener {

        static final StreamHandle DONE = () -> { };

        private final ProviderAdapter adapter;
        private final ProviderAccess access;
        private final String model;
        private final long deadline;
        private final AtomicReference<StreamHandle> handle;
        private final boolean listed;
        private final CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        private Endpoint endpoint;
        private boolean retried;

        Probe(ProviderAdapter adapter, ProviderAccess access, String model, long deadline,
              AtomicReference<StreamHandle> handle, boolean listed) {
            this.adapter = adapter;
            this.access = access;
            this.model = model;
            this.deadline = deadline;
            this.handle = handle;
            this.listed = listed;
            this.endpoint = adapter.defaultEndpoint();
        }

        CompletableFuture<Verdict> start() {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            UpstreamCall call = new UpstreamCall(access, model, endpoint, PING, null, PROBE_TOKENS, left, left);
            StreamHandle started = adapter.stream(call, this);
            StreamHandle previous = handle.getAndUpdate(current -> current == DONE ? DONE : started);
            if (previous == DONE || verdict.isDone()) {
                started.cancel();
            }
            return verdict;
        }

        @Override
        public void onDelta(String text) {
            // the model answered: nothing more to learn, and no reason to pay for more tokens
            verdict.complete(Verdict.passed());
            StreamHandle current = handle.get();
            if (current != null && current != DONE) {
                current.cancel();
            }
        }

        @Override
        public void onComplete(Usage usage) {
            verdict.complete(Verdict.passed());
        }

        @Override
        public void onFailure(UpstreamFailure failure) {
            if (verdict.isDone()) {
                return;
            }
            ErrorClass errorClass = failure.errorClass();
            Endpoint alternative = adapter.alternativeTo(endpoint);
            if (errorClass == ErrorClass.ENDPOINT_UNSUPPORTED && alternative != null && !retried) {
                retried = true;
                endpoint = alternative;
                start();
                return;
            }
            verdict.complete(switch (errorClass) {
                // accepted key and model; 16 tokens were not enough for a reasoning model to say anything
                case EMPTY_RESPONSE -> Verdict.passed();
                case AUTH_ERROR -> Verdict.of(false, listed, failure);
                case MODEL_NOT_FOUND -> Verdict.of(true, false, failure);
                case UNREACHABLE -> Verdict.of(false, false, failure);
                default -> Verdict.of(true, listed || errorClass == ErrorClass.CREDIT_EXHAUSTED, failure);
            });
        }
    }
}
