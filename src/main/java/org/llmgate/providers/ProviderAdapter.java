package org.llmgate.providers;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One LLM provider's wire format (SPEC §7). Adding a provider is adding one implementation: the
 * registry finds every adapter bean by CDI.
 */
public interface ProviderAdapter {

    /** The provider id used in configs and URLs: openai, anthropic, openrouter, openai-compatible. */
    String id();

    String displayName();

    /** The official base URL, or null when the admin must give one (openai-compatible). */
    String defaultBaseUrl();

    boolean requiresApiKey();

    /** The endpoint a model is called on before anything was learned about it. */
    Endpoint defaultEndpoint();

    /** The endpoint to retry on after {@link ErrorClass#ENDPOINT_UNSUPPORTED} on {@code failed}, or null. */
    default Endpoint alternativeTo(Endpoint failed) {
        return null;
    }

    /**
     * Starts a streamed chat without blocking the caller or holding a thread while the stream is
     * open. Every outcome, including a refused connection, reaches the listener.
     */
    StreamHandle stream(UpstreamCall call, StreamListener listener);

    /** The provider's live model list; fails with an {@link UpstreamFailure}. */
    CompletionStage<List<CatalogModel>> listModels(ProviderAccess access);
}
