package org.llmgate.chat.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.llmgate.chat.control.AttemptSummary;
import org.llmgate.chat.control.ChatSink;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.Usage;

/** Writes the events of SPEC §8 (attempt, fallback, delta, done, error) to an SSE stream. */
final class SseChatSink implements ChatSink {

    private final SseEventSink events;
    private final Sse sse;
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile Runnable onGone = () -> { };

    SseChatSink(SseEventSink events, Sse sse) {
        this.events = events;
        this.sse = sse;
    }

    @Override
    public void attempt(int hop, LlmConfigView config, Endpoint endpoint) {
        send("attempt", Json.createObjectBuilder().add("hop", hop).add("configId", config.id())
                .add("provider", config.provider()).add("model", config.model()).build());
    }

    @Override
    public void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message) {
        send("fallback", Json.createObjectBuilder().add("fromConfigId", fromConfigId).add("toConfigId", toConfigId)
                .add("errorClass", errorClass.wireName()).add("message", nonNull(message)).build());
    }

    @Override
    public void delta(String text) {
        send("delta", Json.createObjectBuilder().add("text", text).build());
    }

    @Override
    public void done(LlmConfigView config, int hop, Usage usage) {
        send("done", Json.createObjectBuilder().add("configId", config.id()).add("provider", config.provider())
                .add("model", config.model()).add("hops", hop)
                .add("usage", Json.createObjectBuilder().add("inputTokens", usage.inputTokens())
                        .add("outputTokens", usage.outputTokens()))
                .build());
        events.close();
    }

    @Override
    public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (AttemptSummary a : attempts) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("configId", a.configId())
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
        send("error", Json.createObjectBuilder().add("errorClass", errorClass.wireName())
                .add("message", nonNull(message)).add("attempts", list).build());
        events.close();
    }

    @Override
    public void onClientGone(Runnable action) {
        onGone = action;
    }

    private void send(String name, JsonObject data) {
        if (events.isClosed()) {
            clientGone();
            return;
        }
        events.send(sse.newEventBuilder().name(name).data(data.toString()).build())
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        clientGone();
                    }
                });
    }

    private void clientGone() {
        if (gone.compareAndSet(false, true)) {
            onGone.run();
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
