package org.llmgate.providers.openai;

/**
 * How a server speaking the OpenAI wire format differs from OpenAI itself.
 *
 * @param maxTokensField {@code max_completion_tokens} for OpenAI (its reasoning models refuse
 *                       {@code max_tokens}); {@code max_tokens} for OpenRouter and self-hosted servers,
 *                       which do not all know the newer name
 * @param storeResponses false sends {@code store: false} to the Responses API so student prompts
 *                       are not kept by the provider; null leaves the field out
 */
public record OpenAiDialect(String maxTokensField, Boolean storeResponses) {

    public static final OpenAiDialect OPENAI = new OpenAiDialect("max_completion_tokens", Boolean.FALSE);
    public static final OpenAiDialect COMPATIBLE = new OpenAiDialect("max_tokens", null);
}
