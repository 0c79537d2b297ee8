package org.llmgate.chat.boundary;

import org.llmgate.platform.JsonText;
import org.llmgate.providers.Usage;

/**
 * The SSE frames of one OpenAI {@code chat.completion.chunk} stream. Everything but the delta is
 * the same in every chunk of a stream, so it is written once; a token costs one escape and one
 * concatenation. Field order and values are those of OpenAI's own chunks (id, object, created,
 * model, choices[index, delta, logprobs, finish_reason], usage on the last).
 */
final class OpenAiChunkFrames {

    private static final String OPEN_CHOICE = ",\"choices\":[{\"index\":0,\"delta\":";
    private static final String CONTINUING = ",\"logprobs\":null,\"finish_reason\":null}]}\n\n";
    static final String DONE = "data: [DONE]\n\n";

    private final String head;

    OpenAiChunkFrames(String id, long created, String model) {
        StringBuilder b = new StringBuilder(128).append("data: {\"id\":");
        JsonText.string(b, id).append(",\"object\":\"chat.completion.chunk\",\"created\":").append(created).append(",\"model\":");
        head = JsonText.string(b, model).append(OPEN_CHOICE).toString();
    }

    /** The first chunk, as OpenAI sends it: the role, with empty content. */
    String roleFrame() {
        return head + "{\"role\":\"assistant\",\"content\":\"\"}" + CONTINUING;
    }

    String deltaFrame(String text) {
        StringBuilder b = new StringBuilder(head.length() + text.length() + 64).append(head).append("{\"content\":");
        return JsonText.string(b, text).append('}').append(CONTINUING).toString();
    }

    String stopFrame(Usage usage) {
        long in = usage.inputTokens();
        long out = usage.outputTokens();
        return head + "{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + in
                + ",\"completion_tokens\":" + out + ",\"total_tokens\":" + (in + out) + "}}\n\n";
    }
}
