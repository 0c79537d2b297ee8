package org.llmgate.providers;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

/**
 * One streamed upstream call: sends the request without blocking, reads the SSE body line by line
 * as the client delivers it, and turns what happens into exactly one terminal listener call.
 *
 * <ul>
 *   <li>No thread waits while the stream is open: lines arrive on the HTTP client's I/O thread, and
 *       the shared sweep of {@link StreamDeadlines} checks for silence. Deltas and the completion
 *       are handled there (parse, queue for the client); failures go to the bounded pool.</li>
 *   <li>Timeouts: the first line must come within {@code firstByteTimeout} of sending, every later
 *       line (keep-alive comments included) within {@code idleTimeout} of the previous one.</li>
 *   <li>A stream that ends before the wire format's end marker is a failure, never a completion
 *       (the incident: HTTP 200 and a silently closed stream). Without any text it is
 *       {@link ErrorClass#EMPTY_RESPONSE}, with text {@link ErrorClass#UPSTREAM_ERROR}.</li>
 *   <li>Listener calls are made under one lock, so they are never concurrent, and never after
 *       {@link #cancel()} or a terminal call. Listeners only queue what they write to a client
 *       ({@code ClientStream}), so the lock is never held while a client is written to.</li>
 *   <li>Bounded: a line longer than {@link #MAX_LINE_BYTES}, or an event larger than
 *       {@link SseEventParser#MAX_EVENT_CHARS}, fails the attempt as {@link ErrorClass#UPSTREAM_ERROR}.</li>
 * </ul>
 */
public final class SseStream implements StreamHandle {

    /** Turns the SSE events of one wire format into deltas and an end. Called one event at a time. */
    public interface Decoder {

        /** Handles one event; an exception thrown here (invalid JSON) fails the stream as malformed. */
        void onEvent(SseEvent event, Sink sink);
    }

    /** What a decoder reports. Calls after the stream ended are ignored. */
    public interface Sink {

        void delta(String text);

        /** The wire format's end marker arrived ({@code [DONE]}, {@code message_stop}, {@code response.completed}). */
        void complete(Usage usage);

        void fail(UpstreamFailure failure);

        /** The secrets to redact from any message the decoder builds. */
        String[] secrets();
    }

    static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** Far above any real chunk; a longer line is a broken or hostile upstream, not a bigger answer. */
    static final int MAX_LINE_BYTES = 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(SseStream.class.getName());
    /**
     * After the end marker, the rest of the body (a blank line, the last chunk's terminator) is read
     * to its end, so the connection goes back to the pool instead of being closed: cancelling it
     * cost every chat a new upstream connection (issue 16). Bounded in bytes, and in time by the
     * idle timeout.
     */
    static final int MAX_BYTES_AFTER_END = 64 * 1024;

    private final UpstreamHttp http;
    private final HttpErrorClassifier classifier;
    private final Decoder decoder;
    /**
     * Told of the outcome, once, then dropped. A pooled upstream connection keeps a reference to its
     * last body subscriber, and through it this stream: holding the listener too kept the finished
     * chat's client stream, servlet request and response alive while the connection idled (issue 16:
     * 40 MiB for 2,000 idle connections, about 20 KiB each). Guarded by {@link #lock}.
     */
    private StreamListener listener;
    private final String[] secrets;
    private final long firstByteNanos;
    private final long idleNanos;
    private final SseEventParser parser;
    private final Sink sink = new DecoderSink();

    private final Object lock = new Object();
    private boolean done;
    /** Done with the end marker: the body is read to its end, and discarded, to keep the connection. */
    private boolean finishing;
    private long bytesAfterEnd;
    private boolean sawText;
    /** Deltas of the read under way not yet passed on with {@link StreamListener#afterRead}. */
    private boolean unpassed;
    private boolean sawLine;
    private long startedAt;
    private long lastLineAt;
    private Flow.Subscription subscription;
    private CompletableFuture<HttpResponse<String>> exchange;
    /** When the current deadline passes: the first byte's, then the silence after the last line. */
    private volatile long dueAt;
    /** The sweep that watches this stream from its start until {@link #releaseLocked}. */
    private StreamDeadlines sweep;
    private final StreamDeadlines.Watched deadline = new StreamDeadlines.Watched() {
        @Override
        public long dueAt() {
            return dueAt;
        }

        @Override
        public void onDue() {
            checkTimeout();
        }
    };

    private SseStream(UpstreamHttp http, UpstreamCall call, HttpErrorClassifier classifier, Decoder decoder,
                      StreamListener listener) {
        this.http = http;
        this.classifier = classifier;
        this.decoder = decoder;
        this.listener = listener;
        this.secrets = new String[]{call.access() == null ? null : call.access().apiKey()};
        this.firstByteNanos = orDefault(call.firstByteTimeout(), DEFAULT_FIRST_BYTE_TIMEOUT).toNanos();
        this.idleNanos = orDefault(call.idleTimeout(), DEFAULT_IDLE_TIMEOUT).toNanos();
        this.parser = new SseEventParser(this::onEvent, comment -> { });
    }

    /** Starts the call; every outcome, a refused connection included, reaches the listener. */
    public static StreamHandle start(UpstreamHttp http, HttpRequest request, UpstreamCall call,
                                     HttpErrorClassifier classifier, Decoder decoder, StreamListener listener) {
        SseStream stream = new SseStream(http, call, classifier, decoder, listener);
        stream.send(request);
        return stream;
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
            releaseLocked();
        }
    }

    private void send(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> future;
        synchronized (lock) {
            startedAt = System.nanoTime();
            dueAt = startedAt + firstByteNanos;
            sweep = http.deadlines();
            sweep.watch(deadline);
        }
        try {
            future = http.client().sendAsync(request, this::bodyFor);
        } catch (RuntimeException e) {
            fail(classifier.fromTransport(e, secrets));
            return;
        }
        synchronized (lock) {
            exchange = future;
            if (done) {
                future.cancel(true);
                return;
            }
        }
        future.whenComplete((response, error) -> {
            if (isDone()) {
                return; // already reported, or cancelled by llmgate itself: nothing to classify (and redact)
            }
            if (error != null) {
                fail(classifier.fromTransport(error, secrets));
            } else if (!isSuccess(response.statusCode())) {
                fail(classifier.fromResponse(response.statusCode(), response.headers(), response.body(), secrets));
            }
            // a 2xx body is handled line by line; its end is reported by the line subscriber
        });
    }

    private BodySubscriber<String> bodyFor(HttpResponse.ResponseInfo info) {
        if (isSuccess(info.statusCode())) {
            return new BodyLines();
        }
        return new BoundedBodySubscriber(MAX_ERROR_BODY);
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private void onEvent(SseEvent event) {
        decoder.onEvent(event, sink);
    }

    /**
     * Reads a 2xx body as lines, one buffer list at a time, with a bound on a line's length and
     * (in the parser) on an event's size.
     */
    private final class BodyLines implements BodySubscriber<String> {

        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final LineSplitter splitter = new LineSplitter(MAX_LINE_BYTES);

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            synchronized (lock) {
                if (done) {
                    s.cancel();
                    return;
                }
                subscription = s;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            Flow.Subscription s;
            synchronized (lock) {
                s = subscription;
                if (done) {
                    if (finishing && (bytesAfterEnd += remaining(buffers)) <= MAX_BYTES_AFTER_END) {
                        s.request(1);
                    } else {
                        finishing = false;
                        releaseLocked(); // more after the end than any provider sends: the connection goes
                    }
                    return;
                }
            }
            try {
                for (ByteBuffer buffer : buffers) {
                    splitter.feed(buffer, SseStream.this::onLine);
                }
            } catch (LineSplitter.LineTooLong | SseEventParser.EventTooLarge e) {
                fail(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, e.getMessage()));
            } catch (RuntimeException e) {
                // invalid JSON in a data line (or a shape the decoder cannot read) is the provider's fault
                fail(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, null, null,
                        Redaction.redact("malformed upstream stream: " + e.getMessage(), secrets)));
            }
            boolean more;
            synchronized (lock) {
                more = !done || finishing;
            }
            if (more) {
                readPassedOn();
                s.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.complete(null);
            Throwable cause = HttpErrorClassifier.unwrap(error);
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            fail(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, null, null,
                    Redaction.redact("upstream stream dropped before its end: " + detail, secrets)));
        }

        @Override
        public void onComplete() {
            body.complete(null);
            synchronized (lock) {
                if (finishing) {
                    // the body ended after its end marker: the connection goes back to the pool
                    finishing = false;
                    unwatchLocked();
                    return;
                }
            }
            try {
                splitter.finish(SseStream.this::onLine);
                parser.end();
            } catch (RuntimeException e) {
                fail(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, "malformed upstream stream"));
            }
            synchronized (lock) {
                if (done) {
                    return;
                }
                failLocked(sawText
                        ? new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, "upstream closed the stream before its end marker")
                        : new UpstreamFailure(ErrorClass.EMPTY_RESPONSE, "upstream stream ended without any content"));
            }
        }
    }

    private void readPassedOn() {
        synchronized (lock) {
            if (done || !unpassed) {
                return;
            }
            unpassed = false;
            try {
                listener.afterRead();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "stream listener failed after a read; cancelling the upstream call", e);
                failLocked(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, "relay failed to pass a read on"));
            }
        }
    }

    private void onLine(String line) {
        synchronized (lock) {
            if (done) {
                return;
            }
            sawLine = true;
            lastLineAt = System.nanoTime();
            dueAt = lastLineAt + idleNanos;
        }
        parser.line(line);
    }

    private final class DecoderSink implements Sink {

        @Override
        public void delta(String text) {
            if (text == null || text.isEmpty()) {
                return;
            }
            synchronized (lock) {
                if (done) {
                    return;
                }
                sawText = true;
                unpassed = true;
                try {
                    listener.onDelta(text);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "stream listener failed on a delta; cancelling the upstream call", e);
                    failLocked(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, "relay failed to take a delta"));
                }
            }
        }

        @Override
        public void complete(Usage usage) {
            synchronized (lock) {
                if (done) {
                    return;
                }
                if (!sawText) {
                    failLocked(new UpstreamFailure(ErrorClass.EMPTY_RESPONSE, "upstream finished the stream without any text"));
                    return;
                }
                done = true;
                // the listener is told now; the rest of the body is read and dropped so the connection is
                // reused, cut by the deadline sweep if it stays silent
                finishing = true;
                StreamListener told = listener;
                listener = null;
                try {
                    told.onComplete(usage == null ? Usage.NONE : usage);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "stream listener failed on completion", e);
                }
            }
        }

        @Override
        public void fail(UpstreamFailure failure) {
            SseStream.this.fail(failure);
        }

        @Override
        public String[] secrets() {
            return secrets.clone();
        }
    }

    private boolean isDone() {
        synchronized (lock) {
            return done;
        }
    }

    private void fail(UpstreamFailure failure) {
        synchronized (lock) {
            failLocked(failure);
        }
    }

    private void failLocked(UpstreamFailure failure) {
        if (done) {
            return;
        }
        done = true;
        releaseLocked();
        // a failure starts the next hop (a connect, perhaps a DNS lookup): on the bounded pool, never
        // on the HTTP client's own thread, which serves every stream's I/O
        try {
            http.callbacks().execute(() -> deliver(failure));
        } catch (RejectedExecutionException e) {
            deliver(failure); // shutting down
        }
    }

    private void deliver(UpstreamFailure failure) {
        StreamListener told;
        synchronized (lock) {
            told = listener;
            listener = null;
        }
        try {
            told.onFailure(failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "stream listener failed on a failure", e);
        }
    }

    private static long remaining(List<ByteBuffer> buffers) {
        long total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        return total;
    }

    /** Leaves the sweep and lets the connection go; cancelling the body closes it, cancelling the exchange aborts it. */
    private void releaseLocked() {
        unwatchLocked();
        if (subscription != null) {
            subscription.cancel();
        }
        if (exchange != null && !exchange.isDone()) {
            exchange.cancel(true);
        }
    }

    private void unwatchLocked() {
        if (sweep != null) {
            sweep.unwatch(deadline);
        }
    }

    /**
     * The sweep saw {@link #dueAt} pass and let the stream go: times it out, cuts a finished body
     * that stays silent, or, when a line came since, has it watched again.
     */
    private void checkTimeout() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (done) {
                if (finishing && now - (lastLineAt + idleNanos) >= 0) {
                    finishing = false;
                    releaseLocked(); // the end marker came, the end of the body never did
                } else if (finishing) {
                    sweep.watch(deadline);
                }
                return; // else released already: nothing is left to time
            }
            long due = sawLine ? lastLineAt + idleNanos : startedAt + firstByteNanos;
            if (now - due >= 0) {
                failLocked(new UpstreamFailure(ErrorClass.TIMEOUT, null, null, sawLine
                        ? "upstream stream silent for " + Duration.ofNanos(idleNanos).toMillis() + " ms"
                        : "no data from upstream within " + Duration.ofNanos(firstByteNanos).toMillis() + " ms"));
            } else {
                sweep.watch(deadline); // a line came since the sweep looked: watched again until the new deadline
            }
        }
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }
}
