package org.llmgate.providers.compatible;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamHttp;
import org.llmgate.providers.openai.OpenAiDialect;
import org.llmgate.providers.openai.OpenAiProtocol;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Any server speaking the OpenAI API at a given base URL (vLLM, Ollama, GpuStack, LiteLLM …).
 * There is no official base URL, and a local server may need no key: the Authorization header is
 * then left out. Model lists may carry a context window ({@code max_model_len} on vLLM).
 */
@ApplicationScoped
public class OpenAiCompatibleAdapter implements ProviderAdapter {

    public static final String ID = "openai-compatible";

    private final OpenAiProtocol protocol = new OpenAiProtocol(ID, OpenAiDialect.COMPATIBLE, new CompatibleErrorClassifier(), Map.of());
    private UpstreamHttp http;

    /** For CDI; the shared client arrives through {@link #setHttp}. */
    public OpenAiCompatibleAdapter() {
    }

    public OpenAiCompatibleAdapter(UpstreamHttp http) {
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
        return "OpenAI-compatible server";
    }

    @Override
    public String defaultBaseUrl() {
        return null;
    }

    @Override
    public boolean requiresApiKey() {
        return false;
    }

    @Override
    public Endpoint defaultEndpoint() {
        return Endpoint.CHAT_COMPLETIONS;
    }

    /** Servers such as vLLM offer both endpoints; one that lacks the other fails fast and the chain moves on. */
    @Override
    public Endpoint alternativeTo(Endpoint failed) {
        if (failed == Endpoint.CHAT_COMPLETIONS) {
            return Endpoint.RESPONSES;
        }
        return failed == Endpoint.RESPONSES ? Endpoint.CHAT_COMPLETIONS : null;
    }

    @Override
    public StreamHandle stream(UpstreamCall call, StreamListener listener) {
        return protocol.stream(http, call, listener);
    }

    @Override
    public CompletionStage<List<CatalogModel>> listModels(ProviderAccess access) {
        return protocol.listModels(http, access, OpenAiProtocol.ModelReader.OPENAI_STYLE);
    }
}
