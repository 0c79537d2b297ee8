package org.llmgate.providers.openai;

import jakarta.json.JsonObject;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.Redaction;
import org.llmgate.providers.SseEvent;
import org.llmgate.providers.SseStream;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.Usage;

/**
 * {@code chat.completion.chunk} events: text in {@code choices[0].delta.content}, usage in the
 * last chunk (empty choices, asked for with {@code stream_options.include_usage}), then
 * {@code data: [DONE]}. An error arrives as a chunk with a top-level {@code error} (OpenAI, vLLM,
 * OpenRouter with a numeric status-like code) or as {@code finish_reason: "error"}.
 */
public final class ChatCompletionsDecoder implements SseStream.Decoder {

    private final HttpErrorClassifier errors;
    private long inputTokens;
    private long outputTokens;

    public ChatCompletionsDecoder(HttpErrorClassifier errors) {
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, SseStream.Sink sink) {
        String data = event.data().strip();
        if (data.equals("[DONE]")) {
            sink.complete(new Usage(inputTokens, outputTokens));
            return;
        }
        if (data.isEmpty()) {
            return;
        }
        ChunkReader.Chunk chunk = ChunkReader.read(data);
        if (chunk.error()) {
            // rare: the whole error object is read, for its code and details
            JsonObject whole = JsonSupport.parseObject(data);
            JsonObject error = JsonSupport.object(whole, "error");
            sink.fail(errors.fromStreamError(error == null ? null : JsonSupport.integer(error, "code"),
                    errors.details(whole), sink.secrets()));
            return;
        }
        if (chunk.hasUsage()) {
            inputTokens = chunk.promptTokens();
            outputTokens = chunk.completionTokens();
        }
        if (!chunk.hasChoice()) {
            return;
        }
        sink.delta(chunk.content());
        String finishReason = chunk.finishReason();
        if ("error".equals(finishReason)) {
            sink.fail(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, "upstream ended the answer with finish_reason error"));
        } else if ("content_filter".equals(finishReason)) {
            sink.fail(new UpstreamFailure(ErrorClass.CONTENT_FILTERED, null, null,
                    Redaction.redact("answer stopped by the provider's content filter")));
        }
    }
}
