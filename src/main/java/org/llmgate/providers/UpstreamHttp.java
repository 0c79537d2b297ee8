package org.llmgate.providers;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP clients every adapter shares (connection pools, selector threads), and one sweep for
 * the open streams' timeouts. Open streams hold no thread: the client delivers lines on its
 * executor and the sweep only acts when a stream went silent (SPEC §10).
 *
 * <p>Everything is bounded (issue 16, issue 11 item 5). The client's callbacks run on its own I/O
 * thread: they parse a chunk and queue it for the client ({@code ClientStream}) and never block, so
 * the hand-off to an executor per chunk is saved (issue 16's calibration: 0.13× direct with it,
 * 0.16× without). The JDK default, a cached pool, grew to a thread per open stream. Failures,
 * which start the next hop, and timeouts go to a fixed pool ({@link #callbacks()}). Idle keep-alive
 * connections are capped and expire.
 *
 * <p>Both are created lazily so a CDI proxy costs nothing and {@code new UpstreamHttp()} works in
 * plain unit tests.
 */
@ApplicationScoped
public class UpstreamHttp implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    static final String IDLE_SECONDS = "60";

    /**
     * One client per core: a client has one selector thread, and upstream callbacks run on it, so
     * one client would parse every open stream's chunks on a single thread (issue 16: 2,000 streams
     * opened at once waited for it). Chats take them in turn. At most 8: each keeps its own idle
     * connections, a share of {@link #IDLE_CONNECTIONS_IN_ALL}.
     */
    static final int CLIENTS = Math.min(8, Math.max(2, Runtime.getRuntime().availableProcessors()));

    /**
     * Idle upstream connections kept for reuse, in all; the JDK keeps any number for 20 minutes by
     * default. A class that opens its chats together, again after a pause, finds its connections
     * waiting instead of paying a new connection each (a TLS handshake, against a provider). An idle
     * connection costs about 25 KiB of heap, so 2,048 in all is about 50 MiB.
     */
    static final int IDLE_CONNECTIONS_IN_ALL = 2048;
    /** The JDK's cap is per client ({@code jdk.httpclient.connectionPoolSize}). */
    static final String IDLE_CONNECTIONS = String.valueOf(IDLE_CONNECTIONS_IN_ALL / CLIENTS);

    static {
        configureJdkClient();
    }

    /**
     * JVM-wide, and each is read once, when the JDK class that uses it loads: set as this class
     * loads, before any request is built (an adapter builds its HttpRequest before it asks for a
     * client). An operator's own {@code -D} wins.
     */
    static void configureJdkClient() {
        setIfAbsent("jdk.httpclient.connectionPoolSize", IDLE_CONNECTIONS);
        setIfAbsent("jdk.httpclient.keepalive.timeout", IDLE_SECONDS);
        // connections are reused (issue 16): a chat sent on one the provider closed a moment before
        // fails before any byte of answer; the JDK sends such a request again on a new connection
        // (ConnectionExpiredException only, never after an answer began), for POST only with this
        setIfAbsent("jdk.httpclient.enableAllMethodRetry", "true");
    }

    private volatile HttpClient[] clients;
    private final AtomicInteger next = new AtomicInteger();
    private volatile StreamDeadlines deadlines;
    private ExecutorService executor;

    public UpstreamHttp() {
    }

    /** The next of the clients, in turn. */
    public HttpClient client() {
        HttpClient[] all = clients;
        if (all == null) {
            all = create();
        }
        return all[Math.floorMod(next.getAndIncrement(), all.length)];
    }

    private synchronized HttpClient[] create() {
        if (clients == null) {
            HttpClient[] all = new HttpClient[CLIENTS];
            for (int i = 0; i < all.length; i++) {
                all[i] = HttpClient.newBuilder()
                        .executor(Runnable::run)
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
            }
            clients = all;
        }
        return clients;
    }

    /** The open streams' timeouts: one sweep, started with the first stream (see {@link StreamDeadlines}). */
    StreamDeadlines deadlines() {
        StreamDeadlines current = deadlines;
        return current != null ? current : createDeadlines();
    }

    private synchronized StreamDeadlines createDeadlines() {
        if (deadlines == null) {
            deadlines = new StreamDeadlines(callbacks(), daemonThreads("llmgate-upstream-timer-"));
        }
        return deadlines;
    }

    /**
     * Where the client delivers response bodies, and where timeouts and early failures reach their
     * listener (not on the timer thread: one slow listener would delay every other stream's timeout).
     */
    public synchronized Executor callbacks() {
        if (executor == null) {
            executor = Executors.newFixedThreadPool(THREADS, daemonThreads("llmgate-upstream-"));
        }
        return executor;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        if (deadlines != null) {
            deadlines.close();
            deadlines = null;
        }
        // java.net.http.HttpClient has no close() before Java 21; dropping them lets their threads end.
        clients = null;
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
