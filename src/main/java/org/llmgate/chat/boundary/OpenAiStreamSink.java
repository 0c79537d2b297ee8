package org.llmgate.chat.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.jersey.server.ChunkedOutput;
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

    private final AsyncResponse response;
    private final String model;
    private final String id = OpenAiShapes.completionId();
    private final long created = Instant.now().getEpochSecond();
    private final AtomicBoolean gone = new AtomicBoolean();
    private ChunkedOutput<String> output;
    private volatile Runnable onGone = () -> { };

    OpenAiStreamSink(AsyncResponse response, String model) {
        this.response = response;
        this.model = model;
    }

    @Override
    public void attempt(int hop, LlmConfigView config, Endpoint endpoint) {
        // no OpenAI equivalent
    }

    @Override
    public void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message) {
        // no OpenAI equivalent
    }

    @Override
    public void delta(String text) {
        if (output == null) {
            output = new ChunkedOutput<>(String.class);
            response.resume(Response.ok(output, MediaType.SERVER_SENT_EVENTS_TYPE).header("Cache-Control", "no-cache").build());
            write(chunk(Json.createObjectBuilder().add("role", "assistant").add("content", ""), null, null));
        }
        write(chunk(Json.createObjectBuilder().add("content", text), null, null));
    }

    @Override
    public void done(LlmConfigView config, int hop, Usage usage) {
        write(chunk(Json.createObjectBuilder(), "stop", usage));
        write(null);
        close();
    }

    @Override
    public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
        if (output == null) {
            response.resume(OpenAiShapes.errorResponse(errorClass, message));
            return;
        }
        // after the first token: OpenAI's in-stream error object, and no [DONE]
        writeJson(OpenAiShapes.error(errorClass, message));
        close();
    }

    @Override
    public void onClientGone(Runnable action) {
        onGone = action;
        response.register((jakarta.ws.rs.container.ConnectionCallback) ignored -> clientGone());
    }

    private JsonObject chunk(JsonObjectBuilder delta, String finishReason, Usage usage) {
        JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        JsonObjectBuilder chunk = Json.createObjectBuilder().add("id", id).add("object", "chat.completion.chunk")
                .add("created", created).add("model", model).add("choices", Json.createArrayBuilder().add(choice));
        if (usage != null) {
            chunk.add("usage", OpenAiShapes.usage(usage));
        }
        return chunk.build();
    }

    private void write(JsonObject json) {
        if (json == null) {
            send("data: [DONE]\n\n");
        } else {
            writeJson(json);
        }
    }

    private void writeJson(JsonObject json) {
        send("data: " + json + "\n\n");
    }

    private void send(String frame) {
        if (gone.get()) {
            return;
        }
        try {
            output.write(frame);
        } catch (IOException e) {
            clientGone();
        }
    }

    private void close() {
        try {
            output.close();
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    private void clientGone() {
        if (gone.compareAndSet(false, true)) {
            onGone.run();
        }
    }
}
