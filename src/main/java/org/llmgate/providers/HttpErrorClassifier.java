package org.llmgate.providers;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Maps an upstream failure to its {@link ErrorClass} (SPEC §4): HTTP status, Retry-After, the
 * error body's type / code / message, and transport exceptions. The rules are shared; each
 * provider's subclass knows where its error body keeps those fields and its own quirks.
 *
 * <p>Order matters: credit phrases win over auth (SPEC §4; OpenAI sends {@code insufficient_quota}
 * with 429), and "only supported in v1/responses" is checked before model_not_found because OpenAI
 * answers it with 404.
 */
public class HttpErrorClassifier {

    /** The fields an error body or an in-stream error event carries; any may be null. */
    public record ErrorDetails(String type, String code, String message) {

        public static final ErrorDetails NONE = new ErrorDetails(null, null, null);

        String searchable() {
            return (nullToEmpty(type) + " " + nullToEmpty(code) + " " + nullToEmpty(message)).toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern CREDIT = Pattern.compile(
            "insufficient[ _]credits?|insufficient[ _]quota|exceeded your current quota|credit balance is too low"
                    + "|billing_error|out of credits|payment required|requires more credits");
    private static final Pattern ENDPOINT_UNSUPPORTED = Pattern.compile(
            "only supported in (the )?v1/(responses|chat/completions)"
                    + "|not supported (in|on|by|with) (the )?(v1/)?(chat/completions|responses|chat completions api|responses api)"
                    + "|(use|try) the (responses|chat completions) (api|endpoint)"
                    + "|is not a chat model");
    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "context[ _]length|maximum context|context window|prompt is too long|too many tokens|input is too long"
                    + "|reduce the length of the messages|exceeds the context");
    private static final Pattern CONTENT_FILTERED = Pattern.compile(
            "content[ _]filter|content[ _]policy|content management policy|safety|flagged|moderation|output blocked");
    private static final Pattern AUTH = Pattern.compile(
            "invalid[ _]api[ _]key|incorrect api key|invalid x-api-key|authentication_error|permission_error"
                    + "|no auth credentials|invalid authentication|api key not valid|unauthorized");
    private static final Pattern OVERLOADED = Pattern.compile("overloaded_error");
    private static final Pattern RATE_LIMITED = Pattern.compile(
            "rate[ _]limit|rate-limited|too many requests");
    private static final Pattern MODEL_NOT_FOUND = Pattern.compile(
            "model_not_found|model not found|does not exist|not a valid model|no endpoints found|unknown model"
                    + "|not_found_error");
    private static final Pattern SERVER_ERROR = Pattern.compile("\\b(api_error|server_error|internal_error)\\b");

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
        if (code == 402 || CREDIT.matcher(text).find()) {
            return ErrorClass.CREDIT_EXHAUSTED;
        }
        if (ENDPOINT_UNSUPPORTED.matcher(text).find()) {
            return ErrorClass.ENDPOINT_UNSUPPORTED;
        }
        if (CONTEXT_LENGTH.matcher(text).find()) {
            return ErrorClass.CONTEXT_LENGTH_EXCEEDED;
        }
        if (isContentFiltered(code, text)) {
            return ErrorClass.CONTENT_FILTERED;
        }
        if (code == 401 || code == 403 || AUTH.matcher(text).find()) {
            return ErrorClass.AUTH_ERROR;
        }
        if (code == 529 || OVERLOADED.matcher(text).find()) {
            return ErrorClass.OVERLOADED;
        }
        if (code == 429 || RATE_LIMITED.matcher(text).find()) {
            return ErrorClass.RATE_LIMITED;
        }
        if (code == 404 || MODEL_NOT_FOUND.matcher(text).find()) {
            return ErrorClass.MODEL_NOT_FOUND;
        }
        if (code == 408) {
            return ErrorClass.TIMEOUT;
        }
        if (code >= 500 || SERVER_ERROR.matcher(text).find()) {
            return ErrorClass.UPSTREAM_ERROR;
        }
        if (code >= 400) {
            return ErrorClass.BAD_REQUEST;
        }
        return status == null && text.contains("invalid_request_error") ? ErrorClass.BAD_REQUEST : ErrorClass.UPSTREAM_ERROR;
    }

    /** A hook for providers whose refusals need more than the shared phrases. */
    protected boolean isContentFiltered(int status, String searchableText) {
        return CONTENT_FILTERED.matcher(searchableText).find();
    }

    /**
     * The error fields of a body. Handles the common shapes: {@code {"error":{type,code,message}}}
     * (OpenAI, Anthropic, OpenRouter with a numeric code), {@code {"error":"text"}},
     * {@code {"message":..,"type":..}} (vLLM) and {@code {"detail":..}} (FastAPI servers).
     */
    public ErrorDetails details(String body) {
        JsonObject root = JsonSupport.parseObjectOrNull(body);
        if (root == null) {
            return new ErrorDetails(null, null, body == null || body.isBlank() ? null : body.strip());
        }
        return details(root);
    }

    public ErrorDetails details(JsonObject root) {
        JsonObject error = JsonSupport.object(root, "error");
        if (error != null) {
            return new ErrorDetails(JsonSupport.string(error, "type"), JsonSupport.string(error, "code"),
                    messageOf(error));
        }
        String errorText = JsonSupport.string(root, "error");
        String message = errorText != null ? errorText
                : Optional.ofNullable(JsonSupport.string(root, "message")).orElse(JsonSupport.string(root, "detail"));
        return new ErrorDetails(JsonSupport.string(root, "type"), JsonSupport.string(root, "code"), message);
    }

    /** The error message, with OpenRouter's {@code metadata.raw} (the underlying provider's words) when present. */
    protected String messageOf(JsonObject error) {
        String message = JsonSupport.string(error, "message");
        JsonObject metadata = JsonSupport.object(error, "metadata");
        JsonValue raw = metadata == null ? null : metadata.get("raw");
        if (raw != null && raw.getValueType() != JsonValue.ValueType.NULL) {
            String rawText = raw.getValueType() == JsonValue.ValueType.STRING ? JsonSupport.string(metadata, "raw") : raw.toString();
            message = message == null ? rawText : message + ": " + rawText;
        }
        return message;
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
