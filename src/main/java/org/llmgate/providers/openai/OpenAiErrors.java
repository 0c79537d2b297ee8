package org.llmgate.providers.openai;

import org.llmgate.providers.HttpErrorClassifier;

/**
 * OpenAI's errors: {@code {"error":{"message","type","param","code"}}}. Its quirks are covered by the
 * shared rules' order: {@code insufficient_quota} comes with 429 but is credit, "Incorrect API key
 * provided: sk-abc***xyz" echoes part of the key (redacted), and a Responses-only model answers 404
 * "This model is only supported in v1/responses and not in v1/chat/completions." (endpoint, not model).
 */
public class OpenAiErrors extends HttpErrorClassifier {
}
