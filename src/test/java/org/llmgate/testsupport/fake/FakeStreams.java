package org.llmgate.testsupport.fake;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.JsonSupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The SSE bodies of each wire format, event by event, flushed as they are written. */
final class FakeStreams {

    private FakeStreams() {
    }

    abstract static class Writer {

        private final OutputStream out;
        final String model;
        final long created = System.currentTimeMillis() / 1000;

        Writer(OutputStream out, String model) {
            this.out = out;
            this.model = model;
        }

        abstract void open() throws IOException;

        abstract void delta(String text) throws IOException;

        abstract void finish(long inputTokens, long outputTokens) throws IOException;

        abstract void inStreamError(String type, String message) throws IOException;

        /** A first data line that is not JSON. */
        void malformed() throws IOException {
            raw("data: {\"id\":\"chatcmpl-broken\",\"choices\":[{\"delta\":{\"content\":\"Hel\n\n");
        }

        void keepAlive() throws IOException {
            raw(": OPENROUTER PROCESSING\n\n");
        }

        void event(String name, JsonObject data) throws IOException {
            raw((name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n");
        }

        void raw(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** {@code chat.completion.chunk}s, then {@code data: [DONE]}; OpenRouter flavour when {@code openRouter}. */
    static final class ChatCompletions extends Writer {

        private final boolean includeUsage;
        private final boolean openRouter;
        private final String id = "chatcmpl-fake" + Long.toHexString(System.nanoTime());

        ChatCompletions(OutputStream out, String model, boolean includeUsage, boolean openRouter) {
            super(out, model);
            this.includeUsage = includeUsage;
            this.openRouter = openRouter;
        }

        private JsonObjectBuilder chunk() {
            JsonObjectBuilder chunk = JsonSupport.objectBuilder().add("id", id).add("object", "chat.completion.chunk")
                    .add("created", created).add("model", model);
            if (openRouter) {
                chunk.add("provider", "Fake");
            } else {
                chunk.addNull("system_fingerprint");
            }
            return chunk;
        }

        private JsonArrayBuilder choice(JsonObjectBuilder delta, String finishReason) {
            JsonObjectBuilder choice = JsonSupport.objectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
            if (finishReason == null) {
                choice.addNull("finish_reason");
            } else {
                choice.add("finish_reason", finishReason);
            }
            return JsonSupport.arrayBuilder().add(choice);
        }

        @Override
        void open() throws IOException {
            JsonObjectBuilder chunk = chunk().add("choices", choice(JsonSupport.objectBuilder()
                    .add("role", "assistant").add("content", ""), null));
            event(null, withNullUsage(chunk).build());
        }

        @Override
        void delta(String text) throws IOException {
            event(null, withNullUsage(chunk().add("choices", choice(JsonSupport.objectBuilder().add("content", text), null))).build());
        }

        @Override
        void finish(long inputTokens, long outputTokens) throws IOException {
            event(null, withNullUsage(chunk().add("choices", choice(JsonSupport.objectBuilder(), "stop"))).build());
            if (includeUsage || openRouter) {
                event(null, chunk().add("choices", JsonSupport.arrayBuilder()).add("usage", JsonSupport.objectBuilder()
                        .add("prompt_tokens", inputTokens).add("completion_tokens", outputTokens)
                        .add("total_tokens", inputTokens + outputTokens)).build());
            }
            raw("data: [DONE]\n\n");
        }

        private JsonObjectBuilder withNullUsage(JsonObjectBuilder chunk) {
            return includeUsage && !openRouter ? chunk.addNull("usage") : chunk;
        }

        @Override
        void inStreamError(String type, String message) throws IOException {
            if (openRouter) {
                // OpenRouter: a chunk with a top-level error and finish_reason "error", HTTP status already 200
                event(null, chunk()
                        .add("error", JsonSupport.objectBuilder().add("code", openRouterCode(type)).add("message", message))
                        .add("choices", choice(JsonSupport.objectBuilder().add("content", ""), "error")).build());
            } else {
                // OpenAI and vLLM: a bare error object as the data of one event, then the stream closes
                event(null, JsonSupport.objectBuilder().add("error", JsonSupport.objectBuilder()
                        .add("message", message).add("type", type).addNull("param").addNull("code")).build());
            }
        }

        private static int openRouterCode(String type) {
            if (type.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(type);
            }
            if (type.contains("rate_limit")) {
                return 429;
            }
            if (type.contains("overloaded")) {
                return 529;
            }
            if (type.contains("auth")) {
                return 401;
            }
            if (type.contains("credit") || type.contains("quota")) {
                return 402;
            }
            return 502;
        }
    }

    /** Responses API semantic events, ending with {@code response.completed} (no [DONE]). */
    static final class Responses extends Writer {

        private final String id = "resp_fake" + Long.toHexString(System.nanoTime());
        private final String itemId = "msg_fake" + Long.toHexString(System.nanoTime());
        private final StringBuilder text = new StringBuilder();
        private int sequence;

        Responses(OutputStream out, String model) {
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
        void open() throws IOException {
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
        void delta(String delta) throws IOException {
            text.append(delta);
            event("response.output_text.delta", payload("response.output_text.delta").add("item_id", itemId)
                    .add("output_index", 0).add("content_index", 0).add("delta", delta)
                    .add("logprobs", JsonSupport.arrayBuilder()).build());
        }

        @Override
        void finish(long inputTokens, long outputTokens) throws IOException {
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
        void inStreamError(String type, String message) throws IOException {
            event("error", payload("error").add("code", type).add("message", message).addNull("param").build());
            event("response.failed", payload("response.failed").add("response", JsonSupport.objectBuilder()
                    .add("id", id).add("object", "response").add("created_at", created).add("status", "failed")
                    .add("model", model).add("output", JsonSupport.arrayBuilder()).addNull("usage")
                    .add("error", JsonSupport.objectBuilder().add("code", type).add("message", message))).build());
        }
    }

    /** Anthropic Messages events, ending with {@code message_stop}. */
    static final class Messages extends Writer {

        private final long inputTokensAtStart;

        Messages(OutputStream out, String model, long inputTokensAtStart) {
            super(out, model);
            this.inputTokensAtStart = inputTokensAtStart;
        }

        @Override
        void open() throws IOException {
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

        void ping() throws IOException {
            event("ping", JsonSupport.objectBuilder().add("type", "ping").build());
        }

        @Override
        void keepAlive() throws IOException {
            ping();
        }

        @Override
        void malformed() throws IOException {
            raw("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_de\n\n");
        }

        @Override
        void delta(String text) throws IOException {
            event("content_block_delta", JsonSupport.objectBuilder().add("type", "content_block_delta").add("index", 0)
                    .add("delta", JsonSupport.objectBuilder().add("type", "text_delta").add("text", text)).build());
        }

        @Override
        void finish(long inputTokens, long outputTokens) throws IOException {
            event("content_block_stop", JsonSupport.objectBuilder().add("type", "content_block_stop").add("index", 0).build());
            event("message_delta", JsonSupport.objectBuilder().add("type", "message_delta")
                    .add("delta", JsonSupport.objectBuilder().add("stop_reason", "end_turn").addNull("stop_sequence"))
                    .add("usage", JsonSupport.objectBuilder().add("output_tokens", outputTokens)).build());
            event("message_stop", JsonSupport.objectBuilder().add("type", "message_stop").build());
        }

        @Override
        void inStreamError(String type, String message) throws IOException {
            event("error", JsonSupport.objectBuilder().add("type", "error").add("error",
                    JsonSupport.objectBuilder().add("type", type).add("message", message)).build());
        }
    }
}
