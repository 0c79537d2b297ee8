package org.llmgate.providers.compatible;

import jakarta.json.JsonObject;
import org.llmgate.providers.ErrorVocabulary;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.anthropic.AnthropicErrorClassifier;
import org.llmgate.providers.openai.OpenAiErrorClassifier;
import org.llmgate.providers.openrouter.OpenRouterErrorClassifier;

/**
 * Errors of servers speaking the OpenAI API. Besides OpenAI's shape they answer
 * {@code {"error":"Unauthorized"}} (vLLM with {@code --api-key}), {@code {"message":..,"type":..}}
 * and {@code {"detail":..}} (FastAPI servers). Many are proxies (LiteLLM, GpuStack) that pass the
 * upstream provider's answer through, so every known provider's words and shapes are read.
 */
public class CompatibleErrorClassifier extends HttpErrorClassifier {

    private static final ErrorVocabulary PROXIED_WORDS = OpenAiErrorClassifier.WORDS
            .and(AnthropicErrorClassifier.WORDS).and(OpenRouterErrorClassifier.WORDS);

    public CompatibleErrorClassifier() {
        super(PROXIED_WORDS);
    }

    @Override
    public ErrorDetails details(JsonObject root) {
        if (JsonSupport.object(root, "error") != null) {
            return super.details(root);
        }
        String message = JsonSupport.string(root, "error");
        if (message == null) {
            message = JsonSupport.string(root, "message");
        }
        if (message == null) {
            message = JsonSupport.string(root, "detail");
        }
        return new ErrorDetails(JsonSupport.string(root, "type"), JsonSupport.string(root, "code"), message);
    }

    @Override
    protected String messageOf(JsonObject error) {
        return OpenRouterErrorClassifier.withRoutedProviderWords(error);
    }
}
