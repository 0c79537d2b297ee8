package org.llmgate.chat.boundary;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.platform.UniqueIds;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.Usage;

/** The OpenAI Chat Completions JSON shapes llmgate answers with. */
final class OpenAiShapes {

    private OpenAiShapes() {
    }

    static String completionId() {
        return "chatcmpl-" + UniqueIds.next();
    }

    static JsonObjectBuilder usage(Usage usage) {
        return JsonSupport.objectBuilder().add("prompt_tokens", usage.inputTokens())
                .add("completion_tokens", usage.outputTokens())
                .add("total_tokens", usage.inputTokens() + usage.outputTokens());
    }

    static JsonObject error(ErrorClass errorClass, String message) {
        return JsonSupport.objectBuilder().add("error", JsonSupport.objectBuilder()
                .add("message", message == null ? "" : message)
                .add("type", typeOf(errorClass))
                .addNull("param")
                .add("code", errorClass.wireName())).build();
    }

    /**
     * All-failed answers: 429 when the upstreams were rate limited, 504 for timeouts, 400 for
     * requests no model can take, else 502 (an upstream, not the client, failed).
     */
    static ClientStream.Answer errorResponse(ErrorClass errorClass, String message) {
        int status = switch (errorClass) {
            case RATE_LIMITED, BUDGET_EXHAUSTED -> 429;
            case TIMEOUT -> 504;
            case CONTEXT_LENGTH_EXCEEDED, CONTENT_FILTERED, BAD_REQUEST -> 400;
            default -> 502;
        };
        return new ClientStream.Answer(status, "application/json", error(errorClass, message).toString());
    }

    private static String typeOf(ErrorClass errorClass) {
        return switch (errorClass) {
            case RATE_LIMITED -> "rate_limit_error";
            // SPEC §11: what OpenAI itself answers for a spent quota, so SDKs show it as such
            case BUDGET_EXHAUSTED -> "insufficient_quota";
            case CONTEXT_LENGTH_EXCEEDED, CONTENT_FILTERED, BAD_REQUEST -> "invalid_request_error";
            default -> "upstream_error";
        };
    }
}
