package org.llmgate.chat.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.StreamHandle;
import org.llmgate.resilience.RequestRetirements;
import org.llmgate.resilience.TokenEstimator;

/**
 * One chat in flight: its plan, where its events go, and what every hop of it shares — whether the
 * first token has reached the client (after it no fallback may fire, SPEC §5), whether the client
 * left, and the stream running now. Callbacks of one chat never run concurrently: the adapter
 * serializes its listener calls and the next hop starts from inside the previous one's callback;
 * only {@link #cancel} comes from the client's thread, hence the volatile fields it touches.
 */
public final class ChatTurn {

    private static final Logger LOG = Logger.getLogger(ChatTurn.class.getName());

    private final ChatPlan plan;
    private final ChatSink sink;
    private final long promptTokens;
    private final RequestRetirements retirements = new RequestRetirements();
    /** Every hop tried or skipped, for the error event. */
    private final List<AttemptSummary> attempts = new ArrayList<>();

    private volatile boolean cancelled;
    private volatile StreamHandle handle;
    /** The hop in flight: a client that leaves settles its budget reservation. */
    private volatile Hop hop;
    /** Characters relayed from the hop in flight: usage is estimated from them when a provider reports none. */
    private volatile long hopChars;
    private boolean firstTokenSent;
    private boolean finished;
    /** Runs once if the client leaves (the ledger settles the hop in flight). */
    private final Consumer<ChatTurn> onCancel;

    public ChatTurn(ChatPlan plan, ChatSink sink, Consumer<ChatTurn> onCancel) {
        this.plan = plan;
        this.sink = sink;
        this.onCancel = onCancel;
        this.promptTokens = TokenEstimator.estimate(plan.messages());
    }

    public ChatPlan plan() {
        return plan;
    }

    ChatSink sink() {
        return sink;
    }

    long promptTokens() {
        return promptTokens;
    }

    RequestRetirements retirements() {
        return retirements;
    }

    List<AttemptSummary> attempts() {
        return attempts;
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean firstTokenSent() {
        return firstTokenSent;
    }

    Hop hop() {
        return hop;
    }

    long hopChars() {
        return hopChars;
    }

    void started(Hop next) {
        hop = next;
        hopChars = 0;
    }

    void streaming(StreamHandle running) {
        handle = running;
        if (cancelled) {
            running.cancel();
        }
    }

    /** Relays a piece of the answer; the first one closes the door on fallbacks. Guarded, without a lambda per token. */
    void delta(String text) {
        if (cancelled) {
            return;
        }
        firstTokenSent = true;
        hopChars += text.length();
        try {
            sink.delta(text);
        } catch (RuntimeException e) {
            failedInside(e);
        }
    }

    /** What the deltas of one upstream read queued for the client goes out now. */
    void flush() {
        if (cancelled) {
            return;
        }
        try {
            sink.flush();
        } catch (RuntimeException e) {
            failedInside(e);
        }
    }

    /** Marks the chat finished; false when it already was or the client left (nothing more is sent). */
    boolean finish() {
        if (cancelled || finished) {
            return false;
        }
        finished = true;
        return true;
    }

    /** The client left: the running stream is cancelled and nothing more is sent or called. */
    public void cancel() {
        cancelled = true;
        StreamHandle running = handle;
        if (running != null) {
            running.cancel();
        }
        onCancel.accept(this);
    }

    /**
     * A bug in llmgate must still end the stream with an error event: a callback that throws on the
     * HTTP client's thread would otherwise leave the client waiting forever.
     */
    void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failedInside(e);
        }
    }

    private void failedInside(RuntimeException e) {
        LOG.log(Level.SEVERE, "Chat " + plan.requestId() + " failed inside llmgate", e);
        if (finish()) {
            StreamHandle running = handle;
            if (running != null) {
                running.cancel();
            }
            sink.error(ErrorClass.UPSTREAM_ERROR, "llmgate could not relay this answer", List.copyOf(attempts));
        }
    }
}
