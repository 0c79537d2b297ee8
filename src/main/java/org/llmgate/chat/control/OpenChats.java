package org.llmgate.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.platform.Settings;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.Usage;

/**
 * The admission gate of both chat endpoints: counts open chats per organization, so one
 * organization's runaway LMS cannot hold every connection and upstream slot of the others
 * (a 429 past {@code llmgate.max-open-chats-per-org}), and refuses new chats with a 503 while the
 * server drains on SIGTERM. A chat counts as open from admission until its {@code done} or
 * {@code error} event, or until its client leaves.
 */
@ApplicationScoped
public class OpenChats {

    /** What a refused client is told to wait: long enough for a stream to end, short enough to retry soon. */
    static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    Settings settings;

    private final Map<Long, AtomicInteger> perOrganization = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private int maxPerOrganization;

    OpenChats() {
        // for CDI
    }

    /** For tests: a gate with this limit and no container. */
    OpenChats(int maxPerOrganization) {
        this.maxPerOrganization = maxPerOrganization;
    }

    @PostConstruct
    void init() {
        maxPerOrganization = settings.maxOpenChatsPerOrganization();
    }

    /**
     * Admits one chat of {@code organizationId} or throws {@link ChatRefused}; the answer is the
     * sink to relay into, which releases the slot when the chat ends.
     */
    public ChatSink admit(long organizationId, ChatSink sink) {
        if (draining.get()) {
            throw ChatRefused.draining(RETRY_AFTER_SECONDS);
        }
        AtomicInteger open = perOrganization.computeIfAbsent(organizationId, id -> new AtomicInteger());
        if (open.incrementAndGet() > maxPerOrganization) {
            open.decrementAndGet();
            throw ChatRefused.tooMany(maxPerOrganization, RETRY_AFTER_SECONDS);
        }
        total.incrementAndGet();
        return new Released(sink, () -> {
            open.decrementAndGet();
            // the monitor only while a stop waits for the last chats: no shared lock per chat otherwise
            if (total.decrementAndGet() == 0 || draining.get()) {
                synchronized (total) {
                    total.notifyAll();
                }
            }
        });
    }

    public int open() {
        return total.get();
    }

    public boolean draining() {
        return draining.get();
    }

    /**
     * Refuses new chats from now on and waits, at most {@code bound}, for the open ones to end.
     *
     * @return the chats still open when it gave up (0 when all ended)
     */
    public int drain(Duration bound) {
        draining.set(true);
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (total) {
            for (long left = deadline - System.nanoTime(); total.get() > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    total.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return total.get();
        }
    }

    /** Passes every event on and gives the slot back exactly once, on whichever ends the chat first. */
    private static final class Released implements ChatSink {
        private final ChatSink sink;
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        Released(ChatSink sink, Runnable release) {
            this.sink = sink;
            this.release = release;
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }

        @Override
        public void attempt(int hop, LlmConfigView config, Endpoint endpoint) {
            sink.attempt(hop, config, endpoint);
        }

        @Override
        public void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message) {
            sink.fallback(fromConfigId, toConfigId, errorClass, message);
        }

        @Override
        public void delta(String text) {
            sink.delta(text);
        }

        @Override
        public void flush() {
            sink.flush();
        }

        @Override
        public void done(LlmConfigView config, int hop, Usage usage) {
            try {
                sink.done(config, hop, usage);
            } finally {
                release();
            }
        }

        @Override
        public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
            try {
                sink.error(errorClass, message, attempts);
            } finally {
                release();
            }
        }

        @Override
        public void onClientGone(Runnable action) {
            sink.onClientGone(() -> {
                release();
                action.run();
            });
        }
    }
}
