package org.llmgate.providers;

import java.util.Locale;

/**
 * The one class every upstream failure maps to (SPEC §4). The wire name is what clients see in
 * {@code fallback} and {@code error} events and what is stored in {@code attempts.error_class}.
 */
public enum ErrorClass {
    RATE_LIMITED(true),
    UPSTREAM_ERROR(true),
    OVERLOADED(true),
    TIMEOUT(true),
    UNREACHABLE(true),
    EMPTY_RESPONSE(true),
    AUTH_ERROR(true),
    CREDIT_EXHAUSTED(true),
    MODEL_NOT_FOUND(true),
    /** Retried on the model's other endpoint first (SPEC §6), then falls back. */
    ENDPOINT_UNSUPPORTED(true),
    /** Falls back only to a config with a larger context window. */
    CONTEXT_LENGTH_EXCEEDED(true),
    CONTENT_FILTERED(false),
    BAD_REQUEST(false),
    /** A failure after the first token: the stream ends with an error event, never a fallback. */
    STREAM_INTERRUPTED(false);

    private final boolean fallsBack;

    ErrorClass(boolean fallsBack) {
        this.fallsBack = fallsBack;
    }

    public boolean fallsBack() {
        return fallsBack;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorClass fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
