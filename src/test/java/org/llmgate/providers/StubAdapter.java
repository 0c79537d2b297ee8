package org.llmgate.providers;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An OpenAI-like adapter for unit tests that need one without HTTP: a test overrides how it
 * streams (and lists models, or retries an endpoint) and inherits the rest.
 */
public abstract class StubAdapter implements ProviderAdapter {

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public String displayName() {
        return "Stub";
    }

    @Override
    public String defaultBaseUrl() {
        return "http://127.0.0.1:9/v1";
    }

    @Override
    public boolean requiresApiKey() {
        return true;
    }

    @Override
    public Endpoint defaultEndpoint() {
        return Endpoint.CHAT_COMPLETIONS;
    }

    @Override
    public CompletionStage<List<CatalogModel>> listModels(ProviderAccess access) {
        return CompletableFuture.completedFuture(List.of());
    }
}
