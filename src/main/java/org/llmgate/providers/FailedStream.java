package org.llmgate.providers;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call that fails before anything is sent (no base URL, an endpoint the provider lacks). The
 * failure still reaches the listener, asynchronously like every other outcome, unless cancelled.
 */
public final class FailedStream implements StreamHandle {

    private final AtomicBoolean done = new AtomicBoolean();

    private FailedStream() {
    }

    public static StreamHandle deliver(UpstreamHttp http, UpstreamFailure failure, StreamListener listener) {
        FailedStream stream = new FailedStream();
        http.scheduler().execute(() -> {
            if (stream.done.compareAndSet(false, true)) {
                listener.onFailure(failure);
            }
        });
        return stream;
    }

    @Override
    public void cancel() {
        done.set(true);
    }
}
