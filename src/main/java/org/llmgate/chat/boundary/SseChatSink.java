package org.llmgate.chat.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.llmgate.chat.control.AttemptSummary;
import org.llmgate.chat.control.ChatSink;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.platform.JsonText;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.Usage;

/**
 * Writes the events of SPEC §8 (attempt, fallback, delta, done, error) as SSE frames. Deltas, one
 * per token, are written directly ({@link JsonText}); the once-per-chat events use JSON-P through
 * the provider looked up once.
 */
final class SseChatSink implements ChatSink {

    private final ClientStream client;

    SseChatSink(ClientStream client) {
        this.client = client;
    }

    @Override
    public void attempt(int hop, LlmConfigView config, Endpoint endpoint) {
        send("attempt", JsonSupport.objectBuilder().add("hop", hop).add("configId", config.id())
                .add("provider", config.provider()).add("model", config.model()).build());
    }

    @Override
    public void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message) {
        send("fallback", JsonSupport.objectBuilder().add("fromConfigId", fromConfigId).add("toConfigId", toConfigId)
                .add("errorClass", errorClass.wireName()).add("message", nonNull(message)).build());
    }

    @Override
    public void delta(String text) {
        StringBuilder frame = new StringBuilder(text.length() + 40).append("event: delta\ndata: {\"text\":");
        client.send(JsonText.string(frame, text).append("}\n\n").toString());
    }

    @Override
    public void flush() {
        client.flush();
    }

    @Override
    public void done(LlmConfigView config, int hop, Usage usage) {
        send("done", JsonSupport.objectBuilder().add("configId", config.id()).add("provider", config.provider())
                .add("model", config.model()).add("hops", hop)
                .add("usage", JsonSupport.objectBuilder().add("inputTokens", usage.inputTokens())
                        .add("outputTokens", usage.outputTokens()))
                .build());
        client.end();
    }

    @Override
    public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
        JsonArrayBuilder list = JsonSupport.arrayBuilder();
        for (AttemptSummary a : attempts) {
            JsonObjectBuilder item = JsonSupport.objectBuilder().add("configId", a.configId())
                    .add("provider", a.provider()).add("model", a.model()).add("errorClass", a.errorClass());
            if (a.status() == null) {
                item.addNull("status");
            } else {
                item.add("status", a.status());
            }
            if (a.skipped() != null) {
                item.add("skipped", a.skipped());
            }
            list.add(item);
        }
        send("error", JsonSupport.objectBuilder().add("errorClass", errorClass.wireName())
                .add("message", nonNull(message)).add("attempts", list).build());
        client.end();
    }

    @Override
    public void onClientGone(Runnable action) {
        client.onGone(action);
    }

    /** A once-per-hop event goes out at once: the client sees which model is tried before its first token. */
    private void send(String name, JsonObject data) {
        client.send("event: " + name + "\ndata: " + data + "\n\n");
        client.flush();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
