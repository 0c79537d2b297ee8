package org.llmgate.testsupport.fake.openrouter;

import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.JsonSupport;
import org.llmgate.testsupport.fake.openai.ChatCompletionChunks;

import java.io.IOException;
import java.io.OutputStream;

/**
 * OpenRouter's chat chunks: the routed {@code provider} named in each chunk, the usage always sent
 * last (no {@code "usage": null} before it), and errors after the 200 as a chunk with a numeric code.
 */
public final class OpenRouterChunks extends ChatCompletionChunks {

    public OpenRouterChunks(OutputStream out, String model) {
        super(out, model, false);
    }

    @Override
    protected JsonObjectBuilder chunk() {
        return chunkHeader().add("provider", "Fake");
    }

    @Override
    protected boolean reportsUsage() {
        return true;
    }

    @Override
    protected JsonObjectBuilder pendingUsage(JsonObjectBuilder chunk) {
        return chunk;
    }

    /** A chunk with a top-level error and finish_reason "error"; the HTTP status is already 200. */
    @Override
    protected void inStreamError(String type, String message) throws IOException {
        event(null, chunk()
                .add("error", JsonSupport.objectBuilder().add("code", statusLikeCode(type)).add("message", message))
                .add("choices", choice(JsonSupport.objectBuilder().add("content", ""), "error")).build());
    }

    /** The status OpenRouter would have answered had the error come before the 200. */
    private static int statusLikeCode(String type) {
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
