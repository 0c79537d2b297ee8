package org.llmgate.chat.control;

import java.util.List;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.Usage;

/**
 * Where a chat's events go: llmgate's own SSE events, or the OpenAI-compatible shapes. Exactly one
 * of {@link #done} or {@link #error} ends every chat.
 */
public interface ChatSink {

    void attempt(int hop, LlmConfigView config, Endpoint endpoint);

    void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message);

    /** A piece of the answer; it may wait for {@link #flush}, which follows every upstream read. */
    void delta(String text);

    /** Writes what the deltas so far left waiting: called once per upstream read, not per token. */
    void flush();

    void done(LlmConfigView config, int hop, Usage usage);

    void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts);

    /** Called once if the client goes away, so the upstream call can be cancelled. */
    void onClientGone(Runnable action);
}
