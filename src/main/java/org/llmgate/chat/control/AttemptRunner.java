package org.llmgate.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.llmgate.platform.Settings;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.Usage;

/**
 * Runs one attempt: streams the hop's model into the client, asynchronously (no thread waits on
 * an open stream). A model that turns out to need its other endpoint is retried there within the
 * same hop (SPEC §6); which hop comes next is the chain walk's business ({@link WalksFallbackChain}).
 */
@ApplicationScoped
public class AttemptRunner {

    @Inject
    AttemptLedger ledger;
    @Inject
    Settings settings;

    private Duration firstByteTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofSeconds(60);

    @PostConstruct
    void init() {
        firstByteTimeout = settings.duration("llmgate.upstream.first-byte-timeout-ms", Duration.ofSeconds(30));
        idleTimeout = settings.duration("llmgate.upstream.idle-timeout-ms", Duration.ofSeconds(60));
    }

    /**
     * Called with {@code hop == null} to start a chat: the interceptor walks the chain and calls this
     * again with each admitted hop.
     *
     * @return completes when the hop answered, failed or was abandoned
     */
    @WalksFallbackChain
    public CompletionStage<AttemptResult> run(ChatTurn turn, Hop hop) {
        if (hop == null) {
            throw new IllegalStateException("FallbackChainInterceptor is not enabled: no hop to run");
        }
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        launch(turn, hop, result);
        return result;
    }

    private void launch(ChatTurn turn, Hop hop, CompletableFuture<AttemptResult> result) {
        turn.started(hop);
        turn.sink().attempt(hop.index(), hop.config(), hop.endpoint());
        if (turn.cancelled()) {
            // the client left while we wrote: no upstream call nobody will read (and pay for)
            ledger.settle(hop, 0, 0);
            result.complete(AttemptResult.CANCELLED);
            return;
        }
        UpstreamCall call = new UpstreamCall(new ProviderAccess(hop.target().baseUrl(), hop.credential().apiKey()),
                hop.config().model(), hop.endpoint(), turn.plan().messages(), hop.config().temperature(),
                hop.config().maxOutputTokens(), firstByteTimeout, idleTimeout);
        turn.streaming(hop.adapter().stream(call, new Relay(turn, hop, result)));
    }

    /** The upstream's callbacks for one endpoint of one hop. */
    private final class Relay implements StreamListener {

        private final ChatTurn turn;
        private final Hop hop;
        private final CompletableFuture<AttemptResult> result;

        Relay(ChatTurn turn, Hop hop, CompletableFuture<AttemptResult> result) {
            this.turn = turn;
            this.hop = hop;
            this.result = result;
        }

        @Override
        public void onDelta(String text) {
            turn.delta(text);
        }

        @Override
        public void afterRead() {
            turn.flush();
        }

        @Override
        public void onComplete(Usage usage) {
            // settling budgets is in memory (BudgetLeases): fine on the upstream client's I/O thread
            turn.guarded(() -> {
                ledger.answered(turn, hop, usage);
                if (turn.finish()) {
                    turn.sink().done(hop.config(), hop.index(), usage);
                }
                result.complete(AttemptResult.ANSWERED);
            });
        }

        @Override
        public void onFailure(UpstreamFailure failure) {
            turn.guarded(() -> failed(failure));
        }

        private void failed(UpstreamFailure failure) {
            boolean afterFirstToken = turn.firstTokenSent();
            ErrorClass errorClass = afterFirstToken ? ErrorClass.STREAM_INTERRUPTED : failure.errorClass();
            Endpoint other = errorClass == ErrorClass.ENDPOINT_UNSUPPORTED && !afterFirstToken && !turn.cancelled()
                    ? hop.adapter().alternativeTo(hop.endpoint()) : null;
            boolean retry = other != null && !hop.tried().contains(other);
            ledger.failed(turn, hop, errorClass, failure, !retry);
            if (turn.cancelled()) {
                result.complete(AttemptResult.CANCELLED);
            } else if (retry) {
                // SPEC §6: the same model on its other endpoint before any fallback
                launch(turn, hop.on(other), result);
            } else {
                result.complete(new AttemptResult.Failed(errorClass, afterFirstToken));
            }
        }
    }
}
