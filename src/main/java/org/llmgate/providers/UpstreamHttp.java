package org.llmgate.providers;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP client every adapter shares (connection pool, selector thread), and one small
 * scheduler for idle timeouts. Open streams hold no thread: the client delivers lines on its
 * executor and the scheduler only fires when a stream went silent (SPEC §10).
 *
 * <p>Both are created lazily so a CDI proxy costs nothing and {@code new UpstreamHttp()} works in
 * plain unit tests.
 */
@ApplicationScoped
public class UpstreamHttp implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private HttpClient client;
    private ScheduledThreadPoolExecutor scheduler;
    private ExecutorService callbacks;

    public UpstreamHttp() {
    }

    public synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    public synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("llmgate-upstream-timer-"));
            scheduler.setRemoveOnCancelPolicy(true);
        }
        return scheduler;
    }

    /**
     * Where timeouts and early failures reach their listener. Not on the timer thread itself: a
     * listener writing to a slow client may block, and one blocked timer would stall every other
     * stream's timeout in the instance.
     */
    public synchronized Executor callbacks() {
        if (callbacks == null) {
            callbacks = Executors.newCachedThreadPool(daemonThreads("llmgate-upstream-callback-"));
        }
        return callbacks;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (callbacks != null) {
            callbacks.shutdownNow();
            callbacks = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        // java.net.http.HttpClient has no close() before Java 21; dropping it lets its threads end.
        client = null;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
