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
    STREAM_INTERRUPTED(false),
    /** SPEC §11: a budget cannot cover the attempt; no upstream call, and only free models may still answer. */
    BUDGET_EXHAUSTED(true);

    private final boolean fallsBack;

    ErrorClass(boolean fallsBack) {
        this.fallsBack = fallsBack;
    }

    public boolean fallsBack() {
        return fallsBack;
    }

    /**
     * What a student may read about this class (SPEC §10 Security): generic, with no upstream text,
     * which can carry billing wording, provider metadata or a self-hosted server's host name. The
     * redacted upstream text goes to admins only (health, notifications, attempts).
     */
    public String studentText() {
        return switch (this) {
            case RATE_LIMITED -> "The model is receiving too many requests right now.";
            case UPSTREAM_ERROR -> "The model's provider had an internal error.";
            case OVERLOADED -> "The model's provider is overloaded right now.";
            case TIMEOUT -> "The model did not answer in time.";
            case UNREACHABLE -> "The model's provider could not be reached.";
            case EMPTY_RESPONSE -> "The model returned an empty answer.";
            case AUTH_ERROR -> "The model's provider refused llmgate's credentials.";
            case CREDIT_EXHAUSTED -> "The provider account has no credit left for this model.";
            case MODEL_NOT_FOUND -> "The configured model is not available.";
            case ENDPOINT_UNSUPPORTED -> "The model does not support this kind of request.";
            case CONTEXT_LENGTH_EXCEEDED -> "The conversation is too long for the model.";
            case CONTENT_FILTERED -> "The provider declined to answer this request.";
            case BAD_REQUEST -> "The provider could not process this request.";
            case STREAM_INTERRUPTED -> "The answer was interrupted.";
            case BUDGET_EXHAUSTED -> "The budget for this chat is used up until it resets.";
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorClass fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
