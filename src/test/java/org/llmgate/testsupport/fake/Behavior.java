package org.llmgate.testsupport.fake;

import org.llmgate.providers.Endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link FakeProvider} does with one chat call, in the scripted provider's real wire
 * format. Immutable: the static factories pick the outcome, the instance methods refine it
 * ({@code Behavior.status(429).retryAfter(Duration.ofSeconds(30))},
 * {@code Behavior.answer("Hi").keepAlives(3).usage(12, 1)}).
 */
public final class Behavior {

    enum Kind { ANSWER, STATUS, PRESET_ERROR, HANG, HANG_AFTER_HEADERS, DROP, EMPTY, MALFORMED, IN_STREAM_ERROR }

    final Kind kind;
    final List<String> tokens;
    final int status;
    final Duration retryAfter;
    final String message;
    final String errorType;
    final ErrorPreset preset;
    final int dropAfter;
    final Endpoint onlyOn;
    final int keepAlives;
    final Long inputTokens;
    final Long outputTokens;
    final Duration delay;

    private Behavior(Kind kind, List<String> tokens, int status, Duration retryAfter, String message, String errorType,
                     ErrorPreset preset, int dropAfter, Endpoint onlyOn, int keepAlives, Long inputTokens, Long outputTokens,
                     Duration delay) {
        this.kind = kind;
        this.tokens = List.copyOf(tokens);
        this.status = status;
        this.retryAfter = retryAfter;
        this.message = message;
        this.errorType = errorType;
        this.preset = preset;
        this.dropAfter = dropAfter;
        this.onlyOn = onlyOn;
        this.keepAlives = keepAlives;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.delay = delay;
    }

    private static Behavior of(Kind kind) {
        return new Behavior(kind, List.of(), 200, null, null, null, null, 0, null, 0, null, null, Duration.ZERO);
    }

    /** Streams these tokens and ends properly; no tokens: "Hello", " from ", the model id. */
    public static Behavior answer(String... tokens) {
        return of(Kind.ANSWER).tokens(tokens);
    }

    /** Answers this HTTP status with the provider's real error body (e.g. 401, 402, 404, 429, 500, 529). */
    public static Behavior status(int status) {
        Behavior b = of(Kind.STATUS);
        return new Behavior(b.kind, b.tokens, status, null, null, null, null, 0, null, 0, null, null, Duration.ZERO);
    }

    /** Never sends the response headers (until the fake is reset or closed). */
    public static Behavior hang() {
        return of(Kind.HANG);
    }

    /** Sends 200 and the stream headers, then nothing. */
    public static Behavior hangAfterHeaders() {
        return of(Kind.HANG_AFTER_HEADERS);
    }

    /** Sends {@code tokens} deltas, then closes the connection without the end marker. */
    public static Behavior dropAfter(int tokens) {
        Behavior b = of(Kind.DROP);
        return new Behavior(b.kind, b.tokens, 200, null, null, null, null, tokens, null, 0, null, null, Duration.ZERO);
    }

    /** A 200 stream with no text that ends properly ({@code [DONE]}, {@code message_stop}, {@code response.completed}). */
    public static Behavior empty() {
        return of(Kind.EMPTY);
    }

    /** A 200 stream whose first data line is not valid JSON. */
    public static Behavior malformed() {
        return of(Kind.MALFORMED);
    }

    /**
     * An error inside a 200 stream, before any text: Anthropic {@code event: error} with this error
     * type ({@code overloaded_error}); OpenRouter an error chunk whose numeric code follows the type
     * ({@code "429"}, {@code rate_limit_error} → 429, {@code overloaded_error} → 529, else 502);
     * OpenAI Responses an {@code error} event with this code, then {@code response.failed}; chat
     * completions a {@code data: {"error":{..}}} chunk.
     */
    public static Behavior inStreamError(String type) {
        Behavior b = of(Kind.IN_STREAM_ERROR);
        return new Behavior(b.kind, b.tokens, 200, null, null, Objects.requireNonNull(type), null, 0, null, 0, null, null, Duration.ZERO);
    }

    /** Answers on the Responses API only; chat completions get OpenAI's real 404 "only supported in v1/responses". */
    public static Behavior responsesOnly() {
        return answer().onlyOn(Endpoint.RESPONSES);
    }

    /** Answers on chat completions only; the Responses API gets a 404 "only supported in v1/chat/completions". */
    public static Behavior chatOnly() {
        return answer().onlyOn(Endpoint.CHAT_COMPLETIONS);
    }

    /** The provider's real "out of credits" answer: OpenAI 429 insufficient_quota, OpenRouter 402, Anthropic 400 "credit balance is too low". */
    public static Behavior insufficientQuota() {
        return preset(ErrorPreset.INSUFFICIENT_QUOTA);
    }

    /** The provider's real "prompt too long" 400. */
    public static Behavior contextTooLong() {
        return preset(ErrorPreset.CONTEXT_TOO_LONG);
    }

    /** The provider's real moderation refusal (OpenRouter 403 flagged, OpenAI 400 safety system, Anthropic 400 content filtering). */
    public static Behavior contentFiltered() {
        return preset(ErrorPreset.CONTENT_FILTERED);
    }

    private static Behavior preset(ErrorPreset preset) {
        return new Behavior(Kind.PRESET_ERROR, List.of(), 400, null, null, null, preset, 0, null, 0, null, null, Duration.ZERO);
    }

    public Behavior tokens(String... newTokens) {
        return new Behavior(kind, List.of(newTokens), status, retryAfter, message, errorType, preset, dropAfter, onlyOn,
                keepAlives, inputTokens, outputTokens, delay);
    }

    /** Adds a Retry-After header (whole seconds) to an error status. */
    public Behavior retryAfter(Duration wait) {
        return new Behavior(kind, tokens, status, wait, message, errorType, preset, dropAfter, onlyOn,
                keepAlives, inputTokens, outputTokens, delay);
    }

    /** Replaces the error message, e.g. a 401 that echoes part of the key. */
    public Behavior message(String text) {
        return new Behavior(kind, tokens, status, retryAfter, text, errorType, preset, dropAfter, onlyOn,
                keepAlives, inputTokens, outputTokens, delay);
    }

    /** Sends this many keep-alives before the first token ({@code : OPENROUTER PROCESSING} comments; Anthropic {@code ping} events). */
    public Behavior keepAlives(int count) {
        return new Behavior(kind, tokens, status, retryAfter, message, errorType, preset, dropAfter, onlyOn,
                count, inputTokens, outputTokens, delay);
    }

    /** The usage the stream reports (default: 12 input tokens, one output token per delta). */
    public Behavior usage(long input, long output) {
        return new Behavior(kind, tokens, status, retryAfter, message, errorType, preset, dropAfter, onlyOn,
                keepAlives, input, output, delay);
    }

    /** Waits this long after the headers before the first event; keep-alives, if any, are spread over the wait. */
    public Behavior delay(Duration wait) {
        return new Behavior(kind, tokens, status, retryAfter, message, errorType, preset, dropAfter, onlyOn,
                keepAlives, inputTokens, outputTokens, wait);
    }

    /** Restricts the behavior to one OpenAI endpoint; the other gets the provider's "only supported in" 404. */
    public Behavior onlyOn(Endpoint endpoint) {
        return new Behavior(kind, tokens, status, retryAfter, message, errorType, preset, dropAfter, endpoint,
                keepAlives, inputTokens, outputTokens, delay);
    }

    @Override
    public String toString() {
        return "Behavior[" + kind + (kind == Kind.STATUS ? " " + status : "") + (onlyOn == null ? "" : " only " + onlyOn) + "]";
    }
}
