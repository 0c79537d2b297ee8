package org.llmgate.chat.boundary;

import java.time.Instant;
import java.util.List;
import org.llmgate.chat.control.AttemptSummary;
import org.llmgate.chat.control.ChatSink;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.Usage;

/**
 * {@code stream: true} in OpenAI's chunk format. The HTTP response opens with the first token, so a
 * chat whose every hop failed before it still gets a real 4xx/5xx error status, not a 200 stream.
 */
final class OpenAiStreamSink implements ChatSink {

    private final ClientStream client;
    private final String id = OpenAiShapes.completionId();
    private final long created = Instant.now().getEpochSecond();
    /** The model of the attempt under way: the first token fixes it, as no fallback follows a token. */
    private String model;
    /** Built on the first token; the exchange calls this sink one event at a time. */
    private OpenAiChunkFrames frames;

    OpenAiStreamSink(ClientStream client) {
        this.client = client;
    }

    @Override
    public void attempt(int hop, LlmConfigView config, Endpoint endpoint) {
        // no OpenAI event; chunks name the model that answers (as OpenRouter does; SPEC §8)
        model = config.model();
    }

    @Override
    public void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message) {
        // no OpenAI equivalent
    }

    @Override
    public void delta(String text) {
        if (frames == null) {
            frames = new OpenAiChunkFrames(id, created, model);
            client.send(frames.roleFrame());
        }
        client.send(frames.deltaFrame(text));
    }

    @Override
    public void flush() {
        client.flush();
    }

    @Override
    public void done(LlmConfigView config, int hop, Usage usage) {
        if (frames == null) {
            frames = new OpenAiChunkFrames(id, created, config.model());
        }
        client.send(frames.stopFrame(usage));
        client.send(OpenAiChunkFrames.DONE);
        client.end();
    }

    @Override
    public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
        if (frames == null) {
            client.answer(OpenAiShapes.errorResponse(errorClass, message));
            return;
        }
        // after the first token: OpenAI's in-stream error object, and no [DONE]
        client.send("data: " + OpenAiShapes.error(errorClass, message) + "\n\n");
        client.end();
    }

    @Override
    public void onClientGone(Runnable action) {
        client.onGone(action);
    }
}
