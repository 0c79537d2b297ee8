package org.llmgate.providers.openai;

import jakarta.json.JsonObject;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.HttpErrorClassifier.ErrorDetails;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.SseEvent;
import org.llmgate.providers.SseStream;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.Usage;

/**
 * Responses API semantic events: text in {@code response.output_text.delta}; the stream ends with
 * {@code response.completed} (usage {@code input_tokens}/{@code output_tokens}),
 * {@code response.incomplete} or {@code response.failed}; there is no {@code [DONE]}. An
 * {@code error} event carries {@code code} and {@code message} at the top level.
 */
public final class ResponsesDecoder implements SseStream.Decoder {

    private final HttpErrorClassifier errors;

    public ResponsesDecoder(HttpErrorClassifier errors) {
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, SseStream.Sink sink) {
        String data = event.data().strip();
        if (data.isEmpty() || data.equals("[DONE]")) {
            return;
        }
        JsonObject payload = JsonSupport.parseObject(data);
        String type = JsonSupport.string(payload, "type");
        if (type == null) {
            type = event.event() == null ? "" : event.event();
        }
        JsonObject response = JsonSupport.object(payload, "response");
        switch (type) {
            case "response.output_text.delta" -> sink.delta(JsonSupport.string(payload, "delta"));
            case "response.refusal.done" -> sink.fail(new UpstreamFailure(ErrorClass.CONTENT_FILTERED,
                    "the model refused to answer"));
            case "response.completed" -> sink.complete(usage(response));
            case "response.incomplete" -> {
                String reason = JsonSupport.string(JsonSupport.object(response, "incomplete_details"), "reason");
                if ("content_filter".equals(reason)) {
                    sink.fail(new UpstreamFailure(ErrorClass.CONTENT_FILTERED, "answer stopped by the provider's content filter"));
                } else {
                    // max_output_tokens: what was streamed is the answer, cut at the configured length
                    sink.complete(usage(response));
                }
            }
            case "response.failed" -> {
                JsonObject error = JsonSupport.object(response, "error");
                String code = JsonSupport.string(error, "code");
                sink.fail(errors.fromStreamError(null,
                        new ErrorDetails(code, code, JsonSupport.string(error, "message")), sink.secrets()));
            }
            case "error" -> sink.fail(errors.fromStreamError(null, errors.details(payload), sink.secrets()));
            default -> {
                // created, in_progress, output_item.*, content_part.*, output_text.done: nothing to relay
            }
        }
    }

    private static Usage usage(JsonObject response) {
        JsonObject usage = JsonSupport.object(response, "usage");
        return usage == null ? Usage.NONE
                : new Usage(JsonSupport.longOrZero(usage, "input_tokens"), JsonSupport.longOrZero(usage, "output_tokens"));
    }
}
