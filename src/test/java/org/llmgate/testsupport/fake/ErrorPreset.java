package org.llmgate.testsupport.fake;

/** The named failures each provider words its own way ({@link Behavior#insufficientQuota()} …). */
public enum ErrorPreset {
    /** OpenAI 429 insufficient_quota, OpenRouter 402, Anthropic 400 "credit balance is too low". */
    INSUFFICIENT_QUOTA,
    /** The provider's "prompt too long" 400. */
    CONTEXT_TOO_LONG,
    /** OpenRouter 403 flagged, OpenAI 400 safety system, Anthropic 400 content filtering. */
    CONTENT_FILTERED
}
