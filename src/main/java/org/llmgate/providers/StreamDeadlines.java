package org.llmgate.providers;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The open upstream streams' timeouts (first byte, silence), checked by one sweep every
 * {@link #TICK} instead of a timer task per stream.
 *
 * <p>A task per stream took the scheduler's queue lock at every chat's start: when a class opens
 * its chats together, the request threads queued on that one lock and woke each other (issue 16:
 * 5 % of the chat servlet's time, most of it in the lock's hand-over). Joining and leaving the
 * sweep is an add to and a remove from a concurrent set. A timeout fires up to one tick late,
 * which no timeout here (hundreds of milliseconds at the least, seconds in production) notices.
 */
final class StreamDeadlines implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(50);

    /** One watched stream. */
    interface Watched {

        /** The {@link System#nanoTime()} at which its current deadline passes; read without a lock. */
        long dueAt();

        /**
         * Its deadline has passed as the sweep saw it, and the sweep no longer watches it: look again
         * under the stream's own lock, and act, or {@link #watch} it again if its deadline moved on.
         */
        void onDue();
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Executor handlers;
    private final ScheduledThreadPoolExecutor sweeper;

    /**
     * @param handlers where a due stream is handed over: failing it cancels its exchange and starts
     *                 the next hop, which must not hold up the sweep of every other stream
     */
    StreamDeadlines(Executor handlers, ThreadFactory threads) {
        this.handlers = handlers;
        this.sweeper = new ScheduledThreadPoolExecutor(1, threads);
        long tick = TICK.toNanos();
        sweeper.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.NANOSECONDS);
    }

    void watch(Watched stream) {
        watched.add(stream);
    }

    void unwatch(Watched stream) {
        watched.remove(stream);
    }

    int watching() {
        return watched.size();
    }

    /**
     * Hands every stream whose deadline passed to the handlers, once: it leaves the sweep as it is
     * handed over. Were it kept, a busy pool (a provider that hangs every open chat at once, and the
     * next hop for each) would be handed the same streams again every tick.
     */
    void sweep() {
        long now = System.nanoTime();
        for (Watched stream : watched) {
            if (now - stream.dueAt() >= 0 && watched.remove(stream)) {
                try {
                    handlers.execute(stream::onDue);
                } catch (RejectedExecutionException e) {
                    return; // shutting down
                }
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watched.clear();
    }
}
