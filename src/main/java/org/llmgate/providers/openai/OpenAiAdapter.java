package org.llmgate.providers.openai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.llmgate.providers.AccessDefaults;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamHttp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * OpenAI: Chat Completions and the Responses API. Some models live on only one of them; a model
 * refused on one is retried on the other (SPEC §6), hence {@link #alternativeTo}.
 */
@ApplicationScoped
public class OpenAiAdapter implements ProviderAdapter {

    public static final String ID = "openai";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final OpenAiProtocol protocol = new OpenAiProtocol(ID, OpenAiDialect.OPENAI, new OpenAiErrorClassifier(), Map.of());
    private UpstreamHttp http;

    /** For CDI; the shared client arrives through {@link #setHttp}. */
    public OpenAiAdapter() {
    }

    public OpenAiAdapter(UpstreamHttp http) {
        this.http = http;
    }

    @Inject
    void setHttp(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "OpenAI";
    }

    @Override
    public String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
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
    public Endpoint alternativeTo(Endpoint failed) {
        if (failed == Endpoint.CHAT_COMPLETIONS) {
            return Endpoint.RESPONSES;
        }
        return failed == Endpoint.RESPONSES ? Endpoint.CHAT_COMPLETIONS : null;
    }

    @Override
    public StreamHandle stream(UpstreamCall call, StreamListener listener) {
        return protocol.stream(http, AccessDefaults.withBaseUrl(call, DEFAULT_BASE_URL), listener);
    }

    @Override
    public CompletionStage<List<CatalogModel>> listModels(ProviderAccess access) {
        return protocol.listModels(http, AccessDefaults.withBaseUrl(access, DEFAULT_BASE_URL), OpenAiProtocol.ModelReader.OPENAI_STYLE);
    }
}
