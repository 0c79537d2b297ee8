package org.llmgate.testsupport.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.llmgate.providers.Endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/** One chat call to the {@link FakeProvider}, played out as its {@link Behavior} says. */
final class FakeChat {

    private final FakeProvider fake;
    private final HttpExchange exchange;
    private final ProviderWire wire;
    private final Endpoint endpoint;
    private final JsonObject request;
    private final String model;
    private final String apiKey;
    private final Behavior behavior;

    FakeChat(FakeProvider fake, HttpExchange exchange, ProviderWire wire, Endpoint endpoint, JsonObject request,
             String model, String apiKey, Behavior behavior) {
        this.fake = fake;
        this.exchange = exchange;
        this.wire = wire;
        this.endpoint = endpoint;
        this.request = request;
        this.model = model;
        this.apiKey = apiKey;
        this.behavior = behavior;
    }

    void run() throws IOException {
        switch (behavior.kind) {
            case STATUS -> FakeProvider.sendError(exchange,
                    wire.statusError(behavior.status, behavior.message, model, apiKey), behavior.retryAfter);
            case PRESET_ERROR -> FakeProvider.sendError(exchange,
                    wire.presetError(behavior.preset, model, behavior.message), behavior.retryAfter);
            case HANG -> fake.hangUntilReleased();
            default -> {
                if (!JsonValue.TRUE.equals(request.get("stream"))) {
                    answerWhole();
                } else {
                    stream();
                }
            }
        }
    }

    private List<String> tokens() {
        return behavior.tokens.isEmpty() ? List.of("Hello", " from ", model) : behavior.tokens;
    }

    private long inputTokens() {
        return behavior.inputTokens != null ? behavior.inputTokens : 12;
    }

    private long outputTokens(int deltas) {
        return behavior.outputTokens != null ? behavior.outputTokens : deltas;
    }

    private void stream() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set(wire.requestIdHeader(), "req_fake" + Long.toHexString(System.nanoTime()));
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        if (behavior.kind == Behavior.Kind.HANG_AFTER_HEADERS) {
            fake.hangUntilReleased();
            return;
        }
        SseWriter writer = wire.streamWriter(endpoint, out, model, request, inputTokens());
        if (behavior.keepAlives > 0 && !behavior.delay.isZero()) {
            // keep-alives spread over the wait, as OpenRouter sends them while a model is slow to start
            Duration gap = behavior.delay.dividedBy(behavior.keepAlives);
            for (int i = 0; i < behavior.keepAlives; i++) {
                if (fake.awaitRelease(gap)) {
                    return;
                }
                writer.keepAlive();
            }
        } else {
            for (int i = 0; i < behavior.keepAlives; i++) {
                writer.keepAlive();
            }
            if (!behavior.delay.isZero() && fake.awaitRelease(behavior.delay)) {
                return;
            }
        }
        switch (behavior.kind) {
            case MALFORMED -> {
                writer.malformed();
                writer.finish(inputTokens(), 0);
            }
            case EMPTY -> {
                writer.open();
                writer.finish(inputTokens(), 0);
            }
            case IN_STREAM_ERROR -> {
                writer.open();
                writer.inStreamError(behavior.errorType, behavior.message != null ? behavior.message : messageFor(behavior.errorType));
            }
            case DROP -> {
                writer.open();
                List<String> tokens = tokens();
                for (int i = 0; i < behavior.dropAfter; i++) {
                    writer.delta(tokens.get(i % tokens.size()));
                }
                // closing the exchange now ends the body without [DONE] / message_stop / response.completed
            }
            default -> {
                writer.open();
                List<String> tokens = tokens();
                for (String token : tokens) {
                    writer.delta(token);
                }
                writer.finish(inputTokens(), outputTokens(tokens.size()));
            }
        }
    }

    private static String messageFor(String type) {
        if (type.contains("overloaded")) {
            return "Overloaded";
        }
        if (type.contains("rate_limit") || type.equals("429")) {
            return "Provider returned error: rate limit exceeded upstream";
        }
        return "The server had an error while processing your request. Sorry about that!";
    }

    /** A non-streaming answer, for callers that do not ask for {@code stream: true}. */
    private void answerWhole() throws IOException {
        if (behavior.kind != Behavior.Kind.ANSWER) {
            FakeProvider.sendError(exchange, wire.statusError(500, null, model, apiKey), null);
            return;
        }
        long outputTokens = outputTokens(tokens().size());
        FakeProvider.sendJson(exchange, 200,
                wire.wholeAnswer(endpoint, model, String.join("", tokens()), inputTokens(), outputTokens), null);
    }
}
