package org.llmgate.providers.openrouter;

import org.llmgate.providers.openai.OpenAiErrors;

/**
 * OpenRouter's errors: {@code {"error":{"code":402,"message":..,"metadata":{..}}}} with the HTTP
 * status repeated as a number in {@code code}, the underlying provider's words in
 * {@code metadata.raw}, and the same shape inside a 200 stream once generation started. Its 403
 * means "your input was flagged by moderation" (content_filtered, matched by "flagged"/"moderation"
 * before the auth rule), and 402 is out of credits, which SPEC §5 confines to the key's paid models.
 */
public class OpenRouterErrors extends OpenAiErrors {
}
