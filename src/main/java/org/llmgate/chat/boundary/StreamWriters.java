package org.llmgate.chat.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that write chat streams to clients. Upstream callbacks only queue frames (issue
 * 16: a slow client must not block the threads that read upstreams); these threads do the writes,
 * each drain writing everything a stream has queued in one go. Fixed in number: 2,000 open streams
 * cost queued text, not threads. Writes through JAX-RS block, so a client that stopped reading
 * holds one writer until the container's write timeout; there are enough writers that a few such
 * clients do not delay everyone else's tokens.
 */
@ApplicationScoped
public class StreamWriters {

    static final int THREADS = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());

    private ExecutorService threads;

    synchronized Executor executor() {
        if (threads == null) {
            AtomicInteger count = new AtomicInteger();
            threads = Executors.newFixedThreadPool(THREADS, runnable -> {
                Thread thread = new Thread(runnable, "llmgate-stream-writer-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return threads;
    }

    @PreDestroy
    synchronized void close() {
        if (threads != null) {
            threads.shutdownNow();
            threads = null;
        }
    }
}
