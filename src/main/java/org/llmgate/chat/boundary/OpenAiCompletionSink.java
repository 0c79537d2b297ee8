package org.llmgate.chat.boundary;

import java.time.Instant;
import java.util.List;
import org.llmgate.chat.control.AttemptSummary;
import org.llmgate.chat.control.ChatSink;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.Usage;

/**
 * {@code stream: false}: the client asked for one JSON answer, so the text is collected first and
 * written, without blocking, when the answer is done.
 */
final class OpenAiCompletionSink implements ChatSink {

    private final ClientStream client;
    private final StringBuilder text = new StringBuilder();

    OpenAiCompletionSink(ClientStream client) {
        this.client = client;
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
    public void delta(String piece) {
        text.append(piece);
    }

    @Override
    public void flush() {
        // the answer is written whole, when done
    }

    @Override
    public void done(LlmConfigView config, int hop, Usage usage) {
        String body = JsonSupport.objectBuilder()
                .add("id", OpenAiShapes.completionId())
                .add("object", "chat.completion")
                .add("created", Instant.now().getEpochSecond())
                // the model that answered, not the target string (as OpenRouter does; SPEC §8)
                .add("model", config.model())
                .add("choices", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder()
                        .add("index", 0)
                        .add("message", JsonSupport.objectBuilder().add("role", "assistant")
                                .add("content", text.toString()).addNull("refusal"))
                        .addNull("logprobs")
                        .add("finish_reason", "stop")))
                .add("usage", OpenAiShapes.usage(usage))
                .build().toString();
        client.answer(new ClientStream.Answer(200, "application/json", body));
    }

    @Override
    public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
        client.answer(OpenAiShapes.errorResponse(errorClass, message));
    }

    @Override
    public void onClientGone(Runnable action) {
        client.onGone(action);
    }
}
