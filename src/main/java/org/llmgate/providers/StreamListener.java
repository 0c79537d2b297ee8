package org.llmgate.providers;

/**
 * Receives one upstream stream. Calls arrive one at a time (never concurrently) and end with
 * exactly one of {@link #onComplete} or {@link #onFailure}.
 */
public interface StreamListener {

    /** A non-empty piece of answer text. */
    void onDelta(String text);

    /**
     * Every delta of one read from the upstream has been passed on: a relay that holds its
     * client's writes back may write them now, in one go (issue 16: one write per read, not one
     * per token). Called only after at least one delta.
     */
    default void afterRead() {
    }

    /** The stream ended cleanly after at least one delta. */
    void onComplete(Usage usage);

    /**
     * The call failed. The adapter reports the underlying class (a 200 stream that ended without
     * content is {@link ErrorClass#EMPTY_RESPONSE}); whoever relays the stream decides whether a
     * failure after deltas is a {@link ErrorClass#STREAM_INTERRUPTED}.
     */
    void onFailure(UpstreamFailure failure);
}
