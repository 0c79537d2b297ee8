package org.llmgate.providers;

import jakarta.json.JsonObject;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps an upstream failure to its {@link ErrorClass} (SPEC §4) by what all HTTP providers share:
 * the status, Retry-After, generic English phrases, the usual {@code {"error":{type,code,message}}}
 * body, and transport exceptions. Each provider's subclass, in that provider's package, adds its
 * own {@link ErrorVocabulary} and error body shapes.
 *
 * <p>Order matters: credit wins over auth and rate limits (SPEC §4; OpenAI sends
 * {@code insufficient_quota} with 429), an unsupported endpoint is checked before model_not_found
 * (OpenAI answers it with 404), and a refusal before auth (OpenRouter answers moderation with 403).
 */
public class HttpErrorClassifier {

    /** The fields an error body or an in-stream error event carries; any may be null. */
    public record ErrorDetails(String type, String code, String message) {

        public static final ErrorDetails NONE = new ErrorDetails(null, null, null);

        String searchable() {
            return (nullToEmpty(type) + " " + nullToEmpty(code) + " " + nullToEmpty(message)).toLowerCase(Locale.ROOT);
        }
    }

    /** The classes a status or phrase can give, strongest first; what none claims is bad_request (4xx) or upstream_error. */
    private static final List<ErrorClass> PRECEDENCE = List.of(ErrorClass.CREDIT_EXHAUSTED, ErrorClass.ENDPOINT_UNSUPPORTED,
            ErrorClass.CONTEXT_LENGTH_EXCEEDED, ErrorClass.CONTENT_FILTERED, ErrorClass.AUTH_ERROR, ErrorClass.OVERLOADED,
            ErrorClass.RATE_LIMITED, ErrorClass.MODEL_NOT_FOUND, ErrorClass.TIMEOUT, ErrorClass.UPSTREAM_ERROR);

    /** Phrases any server may use, whoever wrote it. */
    static final ErrorVocabulary COMMON_WORDS = ErrorVocabulary.builder()
            .means(ErrorClass.CREDIT_EXHAUSTED, "out of credits", "payment required")
            .means(ErrorClass.CONTEXT_LENGTH_EXCEEDED, "context[ _]length", "maximum context", "context window",
                    "too many tokens", "exceeds the context")
            .means(ErrorClass.CONTENT_FILTERED, "content[ _]filter", "content[ _]policy")
            .means(ErrorClass.AUTH_ERROR, "invalid[ _]api[ _]key", "api key not valid", "unauthorized")
            .means(ErrorClass.RATE_LIMITED, "rate[ _]limit", "rate-limited", "too many requests")
            .means(ErrorClass.MODEL_NOT_FOUND, "model not found", "does not exist", "unknown model")
            .means(ErrorClass.UPSTREAM_ERROR, "\\binternal_error\\b")
            .build();

    private final ErrorVocabulary vocabulary;

    /** A classifier that knows the common phrases plus {@code providerWords}. */
    public HttpErrorClassifier(ErrorVocabulary providerWords) {
        this.vocabulary = COMMON_WORDS.and(providerWords);
    }

    /** Classifies a non-2xx answer; the message is redacted of the known secrets and of anything key-like. */
    public UpstreamFailure fromResponse(int status, HttpHeaders headers, String body, String... secrets) {
        ErrorDetails details = details(body);
        ErrorClass errorClass = classify(status, details);
        String message = describe(status, details, body);
        return new UpstreamFailure(errorClass, status, retryAfter(headers), Redaction.redact(message, secrets));
    }

    /** Classifies an error event inside a 200 stream; {@code numericCode} is a status-like code when the provider sends one (OpenRouter). */
    public UpstreamFailure fromStreamError(Integer numericCode, ErrorDetails details, String... secrets) {
        ErrorClass errorClass = classify(numericCode, details);
        String message = details.message() != null ? details.message()
                : "upstream error event" + (details.type() != null ? " " + details.type() : "");
        return new UpstreamFailure(errorClass, null, null, Redaction.redact(message, secrets));
    }

    /** Classifies an exception of the HTTP client: connection refused, DNS, TLS, no headers in time. */
    public UpstreamFailure fromTransport(Throwable error, String... secrets) {
        Throwable cause = unwrap(error);
        ErrorClass errorClass = transportClass(cause);
        String what = switch (errorClass) {
            case UNREACHABLE -> "upstream unreachable";
            case TIMEOUT -> "no response from upstream in time";
            default -> "upstream connection failed";
        };
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new UpstreamFailure(errorClass, null, null, Redaction.redact(what + " (" + detail + ")", secrets));
    }

    public ErrorClass classify(Integer status, ErrorDetails details) {
        String text = details.searchable();
        int code = status == null ? 0 : status;
        for (ErrorClass candidate : PRECEDENCE) {
            if (statusMeans(candidate, code) || vocabulary.names(candidate, text)) {
                return candidate;
            }
        }
        // an in-stream error has no status: only its type says the request itself was wrong
        return code >= 400 || status == null && vocabulary.names(ErrorClass.BAD_REQUEST, text)
                ? ErrorClass.BAD_REQUEST : ErrorClass.UPSTREAM_ERROR;
    }

    /**
     * The HTTP defaults. 529 is no registered status; Anthropic made it "overloaded" and the
     * others mean the same when they borrow it, so it is read alike for every provider.
     */
    private static boolean statusMeans(ErrorClass errorClass, int status) {
        return switch (errorClass) {
            case CREDIT_EXHAUSTED -> status == 402;
            case AUTH_ERROR -> status == 401 || status == 403;
            case OVERLOADED -> status == 529;
            case RATE_LIMITED -> status == 429;
            case MODEL_NOT_FOUND -> status == 404;
            case TIMEOUT -> status == 408;
            case UPSTREAM_ERROR -> status >= 500;
            default -> false;
        };
    }

    /** The error fields of a body; a body that is not a JSON object is the message. */
    public ErrorDetails details(String body) {
        JsonObject root = JsonSupport.parseObjectOrNull(body);
        if (root == null) {
            return new ErrorDetails(null, null, body == null || body.isBlank() ? null : body.strip());
        }
        return details(root);
    }

    /**
     * The fields of {@code {"error":{type,code,message}}} (OpenAI, Anthropic, OpenRouter), or of
     * {@code type}, {@code code} and {@code message} at the top (an OpenAI Responses error event).
     */
    public ErrorDetails details(JsonObject root) {
        JsonObject error = JsonSupport.object(root, "error");
        if (error != null) {
            return new ErrorDetails(JsonSupport.string(error, "type"), JsonSupport.string(error, "code"), messageOf(error));
        }
        return new ErrorDetails(JsonSupport.string(root, "type"), JsonSupport.string(root, "code"),
                JsonSupport.string(root, "message"));
    }

    /** The message of an {@code error} object; a provider that adds words elsewhere overrides it. */
    protected String messageOf(JsonObject error) {
        return JsonSupport.string(error, "message");
    }

    private static String describe(int status, ErrorDetails details, String body) {
        String text = details.message();
        if (text == null || text.isBlank()) {
            text = body == null || body.isBlank() ? "no error body" : body;
        }
        return "HTTP " + status + ": " + text;
    }

    /** Retry-After in seconds (possibly fractional) or as an HTTP date; also {@code retry-after-ms}. Null when absent. */
    public static Duration retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(millis.get().strip()))));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        return headers.firstValue("retry-after").map(HttpErrorClassifier::parseRetryAfter).orElse(null);
    }

    /**
     * What an unreadable Retry-After is taken for: longer than any cap, so the breaker holds the
     * scope for its configured maximum (SPEC §5: "a larger or malformed value counts as that cap").
     */
    public static final Duration UNREADABLE_RETRY_AFTER = Duration.ofDays(365L * 1000);

    public static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            double seconds = Double.parseDouble(text);
            if (Double.isNaN(seconds)) {
                return UNREADABLE_RETRY_AFTER;
            }
            // beyond a thousand years (1e13, Infinity) is as good as unreadable, and keeps Instant arithmetic safe
            return seconds <= 0 ? Duration.ZERO
                    : seconds * 1000 >= UNREADABLE_RETRY_AFTER.toMillis() ? UNREADABLE_RETRY_AFTER
                    : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return UNREADABLE_RETRY_AFTER;
            }
        }
    }

    static ErrorClass transportClass(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return ErrorClass.UNREACHABLE;
            }
            if (t instanceof HttpTimeoutException) {
                return ErrorClass.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof UnresolvedAddressException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SSLException) {
                return ErrorClass.UNREACHABLE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ErrorClass.UPSTREAM_ERROR;
    }

    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
