package org.llmgate.providers.anthropic;

import jakarta.json.JsonObject;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.SseEvent;
import org.llmgate.providers.SseStream;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.Usage;

/**
 * Messages API events: {@code message_start} (input tokens), {@code content_block_delta} with a
 * {@code text_delta}, {@code message_delta} (cumulative output tokens, stop reason),
 * {@code message_stop} (the end), {@code ping}, and {@code error} — e.g. {@code overloaded_error}
 * after the 200 was sent.
 */
public final class MessagesDecoder implements SseStream.Decoder {

    private final HttpErrorClassifier errors;
    private long inputTokens;
    private long outputTokens;

    public MessagesDecoder(HttpErrorClassifier errors) {
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, SseStream.Sink sink) {
        String data = event.data().strip();
        if (data.isEmpty()) {
            return;
        }
        JsonObject payload = JsonSupport.parseObject(data);
        String type = JsonSupport.string(payload, "type");
        if (type == null) {
            type = event.event() == null ? "" : event.event();
        }
        switch (type) {
            case "message_start" -> {
                JsonObject usage = JsonSupport.object(JsonSupport.object(payload, "message"), "usage");
                inputTokens = JsonSupport.longOrZero(usage, "input_tokens");
                outputTokens = JsonSupport.longOrZero(usage, "output_tokens");
            }
            case "content_block_delta" -> {
                JsonObject delta = JsonSupport.object(payload, "delta");
                if ("text_delta".equals(JsonSupport.string(delta, "type"))) {
                    sink.delta(JsonSupport.string(delta, "text"));
                }
            }
            case "message_delta" -> {
                JsonObject usage = JsonSupport.object(payload, "usage");
                if (usage != null) {
                    outputTokens = Math.max(outputTokens, JsonSupport.longOrZero(usage, "output_tokens"));
                    inputTokens = Math.max(inputTokens, JsonSupport.longOrZero(usage, "input_tokens"));
                }
                if ("refusal".equals(JsonSupport.string(JsonSupport.object(payload, "delta"), "stop_reason"))) {
                    sink.fail(new UpstreamFailure(ErrorClass.CONTENT_FILTERED, "the model refused to answer"));
                }
            }
            case "message_stop" -> sink.complete(new Usage(inputTokens, outputTokens));
            case "error" -> sink.fail(errors.fromStreamError(null, errors.details(payload), sink.secrets()));
            default -> {
                // ping, content_block_start/stop, thinking and tool deltas: nothing to relay
            }
        }
    }
}
