package org.llmgate.testsupport.fake.anthropic;

import org.llmgate.providers.JsonSupport;
import org.llmgate.testsupport.fake.SseWriter;

import java.io.IOException;
import java.io.OutputStream;

/** Anthropic Messages events, ending with {@code message_stop}. */
public final class MessagesEvents extends SseWriter {

    private final long inputTokensAtStart;

    public MessagesEvents(OutputStream out, String model, long inputTokensAtStart) {
        super(out, model);
        this.inputTokensAtStart = inputTokensAtStart;
    }

    @Override
    protected void open() throws IOException {
        event("message_start", JsonSupport.objectBuilder().add("type", "message_start").add("message",
                JsonSupport.objectBuilder().add("id", "msg_fake" + Long.toHexString(System.nanoTime()))
                        .add("type", "message").add("role", "assistant").add("content", JsonSupport.arrayBuilder())
                        .add("model", model).addNull("stop_reason").addNull("stop_sequence")
                        .add("usage", JsonSupport.objectBuilder().add("input_tokens", inputTokensAtStart)
                                .add("output_tokens", 1))).build());
        event("content_block_start", JsonSupport.objectBuilder().add("type", "content_block_start").add("index", 0)
                .add("content_block", JsonSupport.objectBuilder().add("type", "text").add("text", "")).build());
        ping();
    }

    private void ping() throws IOException {
        event("ping", JsonSupport.objectBuilder().add("type", "ping").build());
    }

    @Override
    protected void keepAlive() throws IOException {
        ping();
    }

    @Override
    protected void malformed() throws IOException {
        raw("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_de\n\n");
    }

    @Override
    protected void delta(String text) throws IOException {
        event("content_block_delta", JsonSupport.objectBuilder().add("type", "content_block_delta").add("index", 0)
                .add("delta", JsonSupport.objectBuilder().add("type", "text_delta").add("text", text)).build());
    }

    @Override
    protected void finish(long inputTokens, long outputTokens) throws IOException {
        event("content_block_stop", JsonSupport.objectBuilder().add("type", "content_block_stop").add("index", 0).build());
        event("message_delta", JsonSupport.objectBuilder().add("type", "message_delta")
                .add("delta", JsonSupport.objectBuilder().add("stop_reason", "end_turn").addNull("stop_sequence"))
                .add("usage", JsonSupport.objectBuilder().add("output_tokens", outputTokens)).build());
        event("message_stop", JsonSupport.objectBuilder().add("type", "message_stop").build());
    }

    @Override
    protected void inStreamError(String type, String message) throws IOException {
        event("error", JsonSupport.objectBuilder().add("type", "error").add("error",
                JsonSupport.objectBuilder().add("type", type).add("message", message)).build());
    }
}
