package org.llmgate.testsupport.fake;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.JsonSupport;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/** One chat call to the {@link FakeProvider}, played out as its {@link Behavior} says. */
final class FakeChat {

    private final FakeProvider fake;
    private final HttpExchange exchange;
    private final String provider;
    private final Endpoint endpoint;
    private final JsonObject request;
    private final String model;
    private final String apiKey;
    private final Behavior behavior;

    FakeChat(FakeProvider fake, HttpExchange exchange, String provider, Endpoint endpoint, JsonObject request,
             String model, String apiKey, Behavior behavior) {
        this.fake = fake;
        this.exchange = exchange;
        this.provider = provider;
        this.endpoint = endpoint;
        this.request = request;
        this.model = model;
        this.apiKey = apiKey;
        this.behavior = behavior;
    }

    void run() throws IOException {
        switch (behavior.kind) {
            case STATUS -> FakeProvider.sendError(exchange,
                    FakeErrors.forStatus(provider, behavior.status, behavior.message, model, apiKey), behavior.retryAfter);
            case PRESET_ERROR -> FakeProvider.sendError(exchange,
                    FakeErrors.preset(provider, behavior.errorType, model, behavior.message), behavior.retryAfter);
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
        exchange.getResponseHeaders().set(FakeProvider.ANTHROPIC.equals(provider) ? "request-id" : "x-request-id",
                "req_fake" + Long.toHexString(System.nanoTime()));
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        if (behavior.kind == Behavior.Kind.HANG_AFTER_HEADERS) {
            fake.hangUntilReleased();
            return;
        }
        FakeStreams.Writer writer = writer(out);
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

    private FakeStreams.Writer writer(OutputStream out) {
        return switch (endpoint) {
            case MESSAGES -> new FakeStreams.Messages(out, model, inputTokens());
            case RESPONSES -> new FakeStreams.Responses(out, model);
            case CHAT_COMPLETIONS -> new FakeStreams.ChatCompletions(out, model,
                    JsonSupport.bool(JsonSupport.object(request, "stream_options"), "include_usage"),
                    FakeProvider.OPENROUTER.equals(provider));
        };
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
            FakeProvider.sendError(exchange, FakeErrors.forStatus(provider, 500, null, model, apiKey), null);
            return;
        }
        String text = String.join("", tokens());
        long in = inputTokens();
        long out = outputTokens(tokens().size());
        JsonObject body = switch (endpoint) {
            case MESSAGES -> JsonSupport.objectBuilder().add("id", "msg_fake").add("type", "message").add("role", "assistant")
                    .add("model", model)
                    .add("content", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder().add("type", "text").add("text", text)))
                    .add("stop_reason", "end_turn").addNull("stop_sequence")
                    .add("usage", JsonSupport.objectBuilder().add("input_tokens", in).add("output_tokens", out)).build();
            case RESPONSES -> JsonSupport.objectBuilder().add("id", "resp_fake").add("object", "response").add("status", "completed")
                    .add("model", model)
                    .add("output", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder().add("type", "message")
                            .add("id", "msg_fake").add("status", "completed").add("role", "assistant")
                            .add("content", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder()
                                    .add("type", "output_text").add("text", text).add("annotations", JsonSupport.arrayBuilder())))))
                    .add("usage", JsonSupport.objectBuilder().add("input_tokens", in).add("output_tokens", out)
                            .add("total_tokens", in + out)).build();
            case CHAT_COMPLETIONS -> JsonSupport.objectBuilder().add("id", "chatcmpl-fake").add("object", "chat.completion")
                    .add("created", System.currentTimeMillis() / 1000).add("model", model)
                    .add("choices", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder().add("index", 0)
                            .add("message", JsonSupport.objectBuilder().add("role", "assistant").add("content", text))
                            .add("finish_reason", "stop")))
                    .add("usage", JsonSupport.objectBuilder().add("prompt_tokens", in).add("completion_tokens", out)
                            .add("total_tokens", in + out)).build();
        };
        FakeProvider.sendJson(exchange, 200, body, null);
    }
}
