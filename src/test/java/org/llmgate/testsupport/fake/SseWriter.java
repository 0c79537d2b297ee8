package org.llmgate.testsupport.fake;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one provider's SSE stream event by event, flushing each, so a client sees the stream as
 * it would arrive from the provider. Subclasses know the events; the fake decides their order.
 */
public abstract class SseWriter {

    private final OutputStream out;
    protected final String model;
    protected final long created = System.currentTimeMillis() / 1000;

    protected SseWriter(OutputStream out, String model) {
        this.out = out;
        this.model = model;
    }

    /** What comes before the first text (a role delta, {@code message_start}, {@code response.created} …). */
    protected abstract void open() throws IOException;

    protected abstract void delta(String text) throws IOException;

    /** The proper end, with the usage. */
    protected abstract void finish(long inputTokens, long outputTokens) throws IOException;

    /** An error after the 200 was sent, as the provider reports it. */
    protected abstract void inStreamError(String type, String message) throws IOException;

    /** A first data line that is not JSON. */
    protected void malformed() throws IOException {
        raw("data: {\"id\":\"chatcmpl-broken\",\"choices\":[{\"delta\":{\"content\":\"Hel\n\n");
    }

    /** An SSE comment, OpenRouter's wording, which any SSE client must skip. */
    protected void keepAlive() throws IOException {
        raw(": OPENROUTER PROCESSING\n\n");
    }

    protected void event(String name, JsonObject data) throws IOException {
        raw((name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n");
    }

    protected void raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
