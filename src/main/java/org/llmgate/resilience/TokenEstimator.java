package org.llmgate.resilience;

import java.util.List;
import org.llmgate.providers.ChatMessage;

/**
 * A tokenizer-free estimate of a prompt's size, good enough to decide whether a fallback can take
 * it (SPEC §5). Exact counts would need each provider's tokenizer on the hot path; a rough number
 * suffices because the decision is "does it obviously not fit", and a prompt that slips through
 * still fails cleanly with context_length_exceeded.
 */
public final class TokenEstimator {

    /** English text and code average about four characters per token in the GPT and Claude tokenizers. */
    static final int CHARS_PER_TOKEN = 4;
    /** Chat formats wrap each message in role markers and separators: about four tokens in OpenAI's format. */
    static final int TOKENS_PER_MESSAGE = 4;
    /** The tokens that prime the assistant's reply. */
    static final int TOKENS_PER_REQUEST = 3;

    private TokenEstimator() {
    }

    /**
     * Characters / 4 rounded up, per message, plus the per-message and per-request overhead. Text
     * in scripts without spaces (Chinese, Japanese) has closer to one token per character and is
     * underestimated; that errs on the side of trying the hop rather than skipping it wrongly.
     */
    public static long estimate(List<ChatMessage> messages) {
        long tokens = TOKENS_PER_REQUEST;
        for (ChatMessage message : messages) {
            tokens += TOKENS_PER_MESSAGE + estimate(message.content());
        }
        return tokens;
    }

    /** Tokens of one text: characters / 4, rounded up; null or empty is 0. */
    public static long estimate(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        long chars = text.codePointCount(0, text.length());
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
