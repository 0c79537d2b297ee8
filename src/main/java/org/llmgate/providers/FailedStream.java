package org.llmgate.providers;

/**
 * A call that fails before anything is sent (no base URL, an endpoint the provider lacks). The
 * failure still reaches the listener, asynchronously like every other outcome, unless cancelled.
 */
public final class FailedStream implements StreamHandle {

    private boolean done;

    private FailedStream() {
    }

    public static StreamHandle deliver(UpstreamHttp http, UpstreamFailure failure, StreamListener listener) {
        FailedStream stream = new FailedStream();
        http.callbacks().execute(() -> {
            synchronized (stream) {
                if (!stream.done) {
                    stream.done = true;
                    listener.onFailure(failure);
                }
            }
        });
        return stream;
    }

    @Override
    public synchronized void cancel() {
        done = true;
    }
}
