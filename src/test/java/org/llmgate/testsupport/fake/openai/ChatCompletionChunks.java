package org.llmgate.testsupport.fake.openai;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.JsonSupport;
import org.llmgate.testsupport.fake.SseWriter;

import java.io.IOException;
import java.io.OutputStream;

/** {@code chat.completion.chunk}s, then {@code data: [DONE]}; usage in a last chunk when asked for. */
public class ChatCompletionChunks extends SseWriter {

    private final boolean includeUsage;
    private final String id = "chatcmpl-fake" + Long.toHexString(System.nanoTime());

    public ChatCompletionChunks(OutputStream out, String model, boolean includeUsage) {
        super(out, model);
        this.includeUsage = includeUsage;
    }

    protected JsonObjectBuilder chunk() {
        return chunkHeader().addNull("system_fingerprint");
    }

    protected final JsonObjectBuilder chunkHeader() {
        return JsonSupport.objectBuilder().add("id", id).add("object", "chat.completion.chunk")
                .add("created", created).add("model", model);
    }

    /** Whether the usage chunk follows the last choice. */
    protected boolean reportsUsage() {
        return includeUsage;
    }

    /** With {@code include_usage}, OpenAI marks every chunk before the last with {@code "usage": null}. */
    protected JsonObjectBuilder pendingUsage(JsonObjectBuilder chunk) {
        return includeUsage ? chunk.addNull("usage") : chunk;
    }

    protected final JsonArrayBuilder choice(JsonObjectBuilder delta, String finishReason) {
        JsonObjectBuilder choice = JsonSupport.objectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        return JsonSupport.arrayBuilder().add(choice);
    }

    @Override
    protected void open() throws IOException {
        JsonObjectBuilder chunk = chunk().add("choices", choice(JsonSupport.objectBuilder()
                .add("role", "assistant").add("content", ""), null));
        event(null, pendingUsage(chunk).build());
    }

    @Override
    protected void delta(String text) throws IOException {
        event(null, pendingUsage(chunk().add("choices", choice(JsonSupport.objectBuilder().add("content", text), null))).build());
    }

    @Override
    protected void finish(long inputTokens, long outputTokens) throws IOException {
        event(null, pendingUsage(chunk().add("choices", choice(JsonSupport.objectBuilder(), "stop"))).build());
        if (reportsUsage()) {
            event(null, chunk().add("choices", JsonSupport.arrayBuilder()).add("usage", JsonSupport.objectBuilder()
                    .add("prompt_tokens", inputTokens).add("completion_tokens", outputTokens)
                    .add("total_tokens", inputTokens + outputTokens)).build());
        }
        raw("data: [DONE]\n\n");
    }

    /** OpenAI and vLLM: a bare error object as the data of one event, then the stream closes. */
    @Override
    protected void inStreamError(String type, String message) throws IOException {
        event(null, JsonSupport.objectBuilder().add("error", JsonSupport.objectBuilder()
                .add("message", message).add("type", type).addNull("param").addNull("code")).build());
    }
}
