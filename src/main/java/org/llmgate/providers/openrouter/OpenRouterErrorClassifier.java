package org.llmgate.providers.openrouter;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ErrorVocabulary;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.anthropic.AnthropicErrorClassifier;
import org.llmgate.providers.openai.OpenAiErrorClassifier;

/**
 * OpenRouter's errors: {@code {"error":{"code":402,"message":..,"metadata":{..}}}} with the HTTP
 * status repeated as a number in {@code code}, the routed provider's own words in
 * {@code metadata.raw}, and the same shape inside a 200 stream once generation started. 402 is out
 * of credits, which SPEC §5 confines to the key's paid models; its 403 means "your input was
 * flagged by moderation", a refusal rather than a dead key.
 */
public class OpenRouterErrorClassifier extends HttpErrorClassifier {

    public static final ErrorVocabulary WORDS = ErrorVocabulary.builder()
            .means(ErrorClass.CREDIT_EXHAUSTED, "insufficient[ _]credits?", "requires more credits")
            .means(ErrorClass.CONTENT_FILTERED, "flagged", "moderation")
            .means(ErrorClass.AUTH_ERROR, "no auth credentials")
            .means(ErrorClass.MODEL_NOT_FOUND, "no endpoints found", "not a valid model")
            .build();

    public OpenRouterErrorClassifier() {
        // metadata.raw carries the routed provider's words (an Anthropic overloaded_error, an OpenAI quota)
        super(WORDS.and(OpenAiErrorClassifier.WORDS).and(AnthropicErrorClassifier.WORDS));
    }

    @Override
    protected String messageOf(JsonObject error) {
        return withRoutedProviderWords(error);
    }

    /** The error message followed by {@code metadata.raw}, the routed provider's own answer, when present. */
    public static String withRoutedProviderWords(JsonObject error) {
        String message = JsonSupport.string(error, "message");
        JsonObject metadata = JsonSupport.object(error, "metadata");
        JsonValue raw = metadata == null ? null : metadata.get("raw");
        if (raw != null && raw.getValueType() != JsonValue.ValueType.NULL) {
            String rawText = raw.getValueType() == JsonValue.ValueType.STRING ? JsonSupport.string(metadata, "raw") : raw.toString();
            message = message == null ? rawText : message + ": " + rawText;
        }
        return message;
    }
}
