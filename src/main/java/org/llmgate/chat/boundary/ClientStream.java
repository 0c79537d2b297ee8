package org.llmgate.chat.boundary;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's response, written with the servlet container's non-blocking output: frames are
 * written by the thread that produced them (the upstream's callback, issue 16), once per upstream
 * read ({@link #flush}) rather than once per token, and that thread returns at once; what the
 * client cannot take yet waits here and is written when the container says it can
 * ({@link WriteListener#onWritePossible}). One thread writes at a time, holding no lock while it
 * writes; the lock guards only the queue. The 200 response opens with the first frame, so a chat
 * that fails before it can still answer with an error status ({@link #answer}).
 *
 * <p>The queue is bounded: a client that stops reading while the upstream keeps sending is let go
 * once {@link #MAX_QUEUED_CHARS} wait for it: its text is dropped, the response completed and the
 * chat cancelled (issue 11 item 5). Callers are serialized by the chat turn; the container's
 * callbacks run concurrently with them.
 */
final class ClientStream implements WriteListener, AsyncListener {

    /** About 60,000 tokens of text: far more than a reading client ever lags behind. */
    static final int MAX_QUEUED_CHARS = 256 * 1024;

    /** A complete answer instead of a stream: an error status, or the whole non-streamed completion. */
    record Answer(int status, String contentType, String body, String header, String headerValue) {
        Answer(int status, String contentType, String body) {
            this(status, contentType, body, null, null);
        }
    }

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile Runnable onGone = () -> { };

    private final Object lock = new Object();
    private StringBuilder queued = new StringBuilder();
    private Answer answer;
    private boolean streaming;
    private boolean ending;
    private boolean unflushed;
    /** A thread is writing: it alone touches the response until it clears this. */
    private boolean writing;
    /** The container said "writable" while a writer was busy: that writer looks again. */
    private boolean writable;
    private boolean finished;
    /** The client fell {@link #MAX_QUEUED_CHARS} behind: completed without waiting for it to read. */
    private boolean abandoned;
    /** The 200 stream's headers are set: touched by the writer only. */
    private boolean opened;

    ClientStream(AsyncContext async) throws IOException {
        this.async = async;
        this.response = (HttpServletResponse) async.getResponse();
        this.out = response.getOutputStream();
        // no container timeout: a chat ends by its own timeouts (SPEC §5), however long the answer
        async.setTimeout(0);
        async.addListener(this);
        synchronized (lock) {
            writing = true; // the container may call onWritePossible at once, from another thread
        }
        out.setWriteListener(this);
        drain();
    }

    /** Called once, when the client disconnects or cannot keep up. */
    void onGone(Runnable action) {
        onGone = action;
    }

    /** Queues a frame; it is written on {@link #flush} or {@link #end}. */
    void send(String frame) {
        synchronized (lock) {
            if (ending || gone.get()) {
                return;
            }
            streaming = true;
            if (queued.length() + frame.length() <= MAX_QUEUED_CHARS) {
                queued.append(frame);
                return;
            }
        }
        // the client stopped reading: its text is dropped and it is let go at once
        letGo();
    }

    /** Writes what is queued, as far as the client takes it now; the rest when it has read. */
    void flush() {
        synchronized (lock) {
            if (queued.length() == 0 || !claimLocked()) {
                return; // nothing to write, or a writer is at it and writes this too
            }
        }
        drain();
    }

    /** Ends the stream after what is queued. */
    void end() {
        synchronized (lock) {
            if (ending) {
                return;
            }
            ending = true;
            if (!claimLocked()) {
                return;
            }
        }
        drain();
    }

    /** Answers with a complete response instead of a stream; ignored once a frame was sent. */
    void answer(Answer complete) {
        synchronized (lock) {
            if (ending || streaming) {
                return;
            }
            answer = complete;
            ending = true;
            if (!claimLocked()) {
                return;
            }
        }
        drain();
    }

    /** Takes the writer's role when nobody has it; the caller then drains. */
    private boolean claimLocked() {
        if (writing) {
            return false;
        }
        writing = true;
        return true;
    }

    @Override
    public void onWritePossible() {
        synchronized (lock) {
            if (writing) {
                writable = true;
                return;
            }
            writing = true;
        }
        drain();
    }

    /** Writes what waits while the client can take it; run only by the thread that claimed the writer's role. */
    private void drain() {
        while (true) {
            boolean ready = isReady();
            byte[] bytes = null;
            Answer complete = null;
            boolean flush = false;
            boolean close = false;
            synchronized (lock) {
                if (finished) {
                    writing = false;
                    return;
                }
                if (abandoned) {
                    close = true;
                    finished = true;
                } else if (!ready) {
                    if (writable) {
                        writable = false;
                        continue;
                    }
                    writing = false; // onWritePossible comes when the client has read
                    return;
                } else if (answer != null) {
                    complete = answer;
                    answer = null;
                } else if (queued.length() > 0) {
                    bytes = queued.toString().getBytes(StandardCharsets.UTF_8);
                    // a lagging client's large buffer is not kept for the rest of the stream
                    queued = queued.capacity() > 4096 ? new StringBuilder() : queued.delete(0, queued.length());
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    flush = true;
                } else if (ending) {
                    close = true;
                    finished = true;
                } else {
                    writing = false;
                    return;
                }
            }
            try {
                if (complete != null) {
                    write(complete);
                } else if (bytes != null) {
                    if (!opened) {
                        opened = true;
                        response.setStatus(200);
                        response.setContentType("text/event-stream");
                        response.setHeader("Cache-Control", "no-cache");
                    }
                    out.write(bytes);
                } else if (flush) {
                    out.flush();
                } else if (close) {
                    async.complete();
                }
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    finished = true;
                    writing = false;
                }
                clientGone();
                completeQuietly();
                return;
            }
        }
    }

    private boolean isReady() {
        try {
            return out.isReady();
        } catch (RuntimeException e) {
            return true; // the write that follows fails and ends the stream
        }
    }

    private void write(Answer complete) throws IOException {
        byte[] body = complete.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(complete.status());
        response.setContentType(complete.contentType());
        if (complete.header() != null) {
            response.setHeader(complete.header(), complete.headerValue());
        }
        response.setContentLength(body.length);
        out.write(body);
    }

    private void completeQuietly() {
        try {
            async.complete();
        } catch (RuntimeException ignored) {
            // completed already, or the connection is gone
        }
    }

    /** The container's write to this client failed: nothing more is written, the response is completed. */
    @Override
    public void onError(Throwable t) {
        letGo();
    }

    @Override
    public void onError(AsyncEvent event) {
        letGo();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        letGo();
    }

    private void letGo() {
        boolean drain;
        synchronized (lock) {
            abandoned = true;
            ending = true;
            queued = new StringBuilder();
            drain = claimLocked();
        }
        clientGone();
        if (drain) {
            drain();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // the response was completed: by this stream, or by the container after an error
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private void clientGone() {
        if (gone.compareAndSet(false, true)) {
            onGone.run();
        }
    }
}
