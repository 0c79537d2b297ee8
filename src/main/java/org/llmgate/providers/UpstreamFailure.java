package org.llmgate.providers;

import java.time.Duration;

/**
 * The single exception type for upstream failures: the class, the HTTP status when there was one,
 * the provider's Retry-After, and a message already redacted of keys and tokens.
 */
public class UpstreamFailure extends RuntimeException {

    private final ErrorClass errorClass;
    private final Integer status;
    private final Duration retryAfter;

    public UpstreamFailure(ErrorClass errorClass, Integer status, Duration retryAfter, String redactedMessage) {
        super(redactedMessage, null, false, false);
        this.errorClass = errorClass;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public UpstreamFailure(ErrorClass errorClass, String redactedMessage) {
        this(errorClass, null, null, redactedMessage);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The HTTP status, or null when the failure had none (connection refused, timeout, in-stream error). */
    public Integer status() {
        return status;
    }

    /** The provider's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public UpstreamFailure as(ErrorClass other) {
        return new UpstreamFailure(other, status, retryAfter, getMessage());
    }
}
