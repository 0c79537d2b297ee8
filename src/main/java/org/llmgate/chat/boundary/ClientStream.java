package org.llmgate.chat.boundary;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ConnectionCallback;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * One client's event stream, written without blocking the caller: frames are queued and a
 * {@link StreamWriters} thread writes whatever is queued, one stream at a time, holding no lock
 * while it writes. The 200 response opens with the first frame, so a chat that fails before it can
 * still answer with an error status ({@link #answer}).
 *
 * <p>The queue is bounded: a client that stops reading while the upstream keeps sending is
 * disconnected once {@link #MAX_QUEUED_CHARS} are waiting for it, and the chat is cancelled
 * (issue 11 item 5). Callers are serialized by the chat exchange; the writer runs concurrently.
 */
final class ClientStream {

    /** About 60,000 tokens of text: far more than a reading client ever lags behind. */
    static final int MAX_QUEUED_CHARS = 256 * 1024;

    private final AsyncResponse response;
    private final Executor writers;
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile Runnable onGone = () -> { };

    private final Object lock = new Object();
    private StringBuilder queued = new StringBuilder();
    private Response answer;
    private boolean ending;
    private boolean writing;
    private boolean finished;
    /** Opened by the draining writer; read also to close a stream whose client fell behind. */
    private volatile ChunkedOutput<String> output;

    ClientStream(AsyncResponse response, Executor writers) {
        this.response = response;
        this.writers = writers;
        response.register((ConnectionCallback) ignored -> clientGone());
    }

    /** Called once, when the client disconnects or cannot keep up. */
    void onGone(Runnable action) {
        onGone = action;
    }

    void send(String frame) {
        synchronized (lock) {
            if (ending || gone.get()) {
                return;
            }
            if (queued.length() + frame.length() <= MAX_QUEUED_CHARS) {
                queued.append(frame);
                scheduleLocked();
                return;
            }
            // the client stopped reading: drop its text, and the drain closes the connection as
            // soon as its current write returns (or fails at the container's write timeout)
            queued = new StringBuilder();
            ending = true;
            scheduleLocked();
        }
        clientGone();
    }

    /** Ends the stream after what is queued. */
    void end() {
        synchronized (lock) {
            if (ending) {
                return;
            }
            ending = true;
            scheduleLocked();
        }
    }

    /** Answers with a complete response instead of a stream; only before {@link #send}. */
    void answer(Response complete) {
        synchronized (lock) {
            if (ending) {
                return;
            }
            answer = complete;
            ending = true;
            scheduleLocked();
        }
    }

    private void scheduleLocked() {
        if (!writing) {
            writing = true;
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                writing = false; // undeployed: nobody is left to write to
            }
        }
    }

    private void drain() {
        while (true) {
            String frames = null;
            Response complete;
            synchronized (lock) {
                complete = answer;
                answer = null;
                if (queued.length() > 0) {
                    frames = queued.toString();
                    // a lagging client's large buffer is not kept for the rest of the stream
                    queued = queued.capacity() > 4096 ? new StringBuilder() : queued.delete(0, queued.length());
                } else if (complete == null && (!ending || finished)) {
                    writing = false;
                    return;
                }
            }
            if (complete != null) {
                finish(() -> response.resume(complete));
            } else if (frames != null) {
                write(frames);
            } else {
                finish(this::closeOutput);
            }
        }
    }

    private void write(String frames) {
        if (gone.get()) {
            return;
        }
        try {
            if (output == null) {
                output = new ChunkedOutput<>(String.class);
                response.resume(Response.ok(output, MediaType.SERVER_SENT_EVENTS_TYPE).header("Cache-Control", "no-cache").build());
            }
            output.write(frames);
        } catch (IOException | RuntimeException e) {
            clientGone();
        }
    }

    private void finish(Runnable last) {
        synchronized (lock) {
            finished = true;
        }
        last.run();
    }

    private void closeOutput() {
        ChunkedOutput<String> open = output;
        try {
            if (open != null) {
                open.close();
            } else if (!response.isDone()) {
                response.cancel();
            }
        } catch (IOException | RuntimeException ignored) {
            // the client is gone already
        }
    }

    private void clientGone() {
        if (gone.compareAndSet(false, true)) {
            onGone.run();
        }
    }
}
