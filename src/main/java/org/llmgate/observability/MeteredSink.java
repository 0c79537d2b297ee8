package org.llmgate.observability;

import java.util.List;
import org.llmgate.chat.control.AttemptSummary;
import org.llmgate.chat.control.ChatPlan;
import org.llmgate.chat.control.ChatSink;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.Usage;

/**
 * Counts a chat's events on their way to the client. Every attempt ends in exactly one of: a
 * fallback (its class), done (success), or error (the last attempt's class). A delta costs one
 * boolean test after the first.
 */
final class MeteredSink implements ChatSink {

    private final ChatMetrics metrics;
    private final ChatPlan plan;
    private final ChatSink delegate;
    private final long startedNanos = System.nanoTime();
    private LlmConfigView current;
    private long attemptStartedNanos;
    private boolean firstToken;

    MeteredSink(ChatMetrics metrics, ChatPlan plan, ChatSink delegate) {
        this.metrics = metrics;
        this.plan = plan;
        this.delegate = delegate;
    }

    @Override
    public void attempt(int hop, LlmConfigView config, Endpoint endpoint) {
        current = config;
        attemptStartedNanos = System.nanoTime();
        delegate.attempt(hop, config, endpoint);
    }

    @Override
    public void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message) {
        metrics.fallbacks.inc(errorClass.wireName());
        attemptEnded(errorClass.wireName());
        delegate.fallback(fromConfigId, toConfigId, errorClass, message);
    }

    @Override
    public void delta(String text) {
        if (!firstToken) {
            firstToken = true;
            if (current != null) {
                metrics.ttft.observeNanos(System.nanoTime() - attemptStartedNanos, current.provider());
            }
        }
        delegate.delta(text);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void done(LlmConfigView config, int hop, Usage usage) {
        current = config;
        attemptEnded("none");
        metrics.answered(plan.organizationId(), config, usage);
        end("done");
        delegate.done(config, hop, usage);
    }

    @Override
    public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
        attemptEnded(errorClass.wireName());
        end("error");
        delegate.error(errorClass, message, attempts);
    }

    @Override
    public void onClientGone(Runnable action) {
        delegate.onClientGone(action);
    }

    private void attemptEnded(String errorClass) {
        if (current != null) {
            metrics.attempts.inc(current.provider(), current.model(), errorClass);
            current = null;
        }
    }

    private void end(String outcome) {
        metrics.chats.inc(outcome, plan.level());
        metrics.duration.observeNanos(System.nanoTime() - startedNanos, outcome);
    }
}
