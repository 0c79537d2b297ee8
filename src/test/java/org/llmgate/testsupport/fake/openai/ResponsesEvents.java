package org.llmgate.testsupport.fake.openai;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.JsonSupport;
import org.llmgate.testsupport.fake.SseWriter;

import java.io.IOException;
import java.io.OutputStream;

/** Responses API semantic events, ending with {@code response.completed} (no [DONE]). */
public final class ResponsesEvents extends SseWriter {

    private final String id = "resp_fake" + Long.toHexString(System.nanoTime());
    private final String itemId = "msg_fake" + Long.toHexString(System.nanoTime());
    private final StringBuilder text = new StringBuilder();
    private int sequence;

    public ResponsesEvents(OutputStream out, String model) {
        super(out, model);
    }

    private JsonObjectBuilder response(String status) {
        return JsonSupport.objectBuilder().add("id", id).add("object", "response").add("created_at", created)
                .add("status", status).add("model", model).addNull("error").addNull("incomplete_details");
    }

    private JsonObjectBuilder payload(String type) {
        return JsonSupport.objectBuilder().add("type", type).add("sequence_number", sequence++);
    }

    @Override
    protected void open() throws IOException {
        event("response.created", payload("response.created").add("response",
                response("in_progress").add("output", JsonSupport.arrayBuilder()).addNull("usage")).build());
        event("response.in_progress", payload("response.in_progress").add("response",
                response("in_progress").add("output", JsonSupport.arrayBuilder()).addNull("usage")).build());
        event("response.output_item.added", payload("response.output_item.added").add("output_index", 0)
                .add("item", JsonSupport.objectBuilder().add("id", itemId).add("type", "message")
                        .add("status", "in_progress").add("role", "assistant").add("content", JsonSupport.arrayBuilder()))
                .build());
        event("response.content_part.added", payload("response.content_part.added").add("item_id", itemId)
                .add("output_index", 0).add("content_index", 0)
                .add("part", JsonSupport.objectBuilder().add("type", "output_text").add("text", "")
                        .add("annotations", JsonSupport.arrayBuilder())).build());
    }

    @Override
    protected void delta(String delta) throws IOException {
        text.append(delta);
        event("response.output_text.delta", payload("response.output_text.delta").add("item_id", itemId)
                .add("output_index", 0).add("content_index", 0).add("delta", delta)
                .add("logprobs", JsonSupport.arrayBuilder()).build());
    }

    @Override
    protected void finish(long inputTokens, long outputTokens) throws IOException {
        JsonObjectBuilder part = JsonSupport.objectBuilder().add("type", "output_text").add("text", text.toString())
                .add("annotations", JsonSupport.arrayBuilder());
        event("response.output_text.done", payload("response.output_text.done").add("item_id", itemId)
                .add("output_index", 0).add("content_index", 0).add("text", text.toString()).build());
        event("response.content_part.done", payload("response.content_part.done").add("item_id", itemId)
                .add("output_index", 0).add("content_index", 0).add("part", part).build());
        JsonObject item = JsonSupport.objectBuilder().add("id", itemId).add("type", "message").add("status", "completed")
                .add("role", "assistant").add("content", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder()
                        .add("type", "output_text").add("text", text.toString())
                        .add("annotations", JsonSupport.arrayBuilder()))).build();
        event("response.output_item.done", payload("response.output_item.done").add("output_index", 0)
                .add("item", item).build());
        JsonArrayBuilder output = JsonSupport.arrayBuilder();
        if (text.length() > 0) {
            output.add(item);
        }
        event("response.completed", payload("response.completed").add("response", response("completed")
                .add("output", output)
                .add("usage", JsonSupport.objectBuilder().add("input_tokens", inputTokens)
                        .add("input_tokens_details", JsonSupport.objectBuilder().add("cached_tokens", 0))
                        .add("output_tokens", outputTokens)
                        .add("output_tokens_details", JsonSupport.objectBuilder().add("reasoning_tokens", 0))
                        .add("total_tokens", inputTokens + outputTokens))).build());
    }

    @Override
    protected void inStreamError(String type, String message) throws IOException {
        event("error", payload("error").add("code", type).add("message", message).addNull("param").build());
        event("response.failed", payload("response.failed").add("response", JsonSupport.objectBuilder()
                .add("id", id).add("object", "response").add("created_at", created).add("status", "failed")
                .add("model", model).add("output", JsonSupport.arrayBuilder()).addNull("usage")
                .add("error", JsonSupport.objectBuilder().add("code", type).add("message", message))).build());
    }
}
