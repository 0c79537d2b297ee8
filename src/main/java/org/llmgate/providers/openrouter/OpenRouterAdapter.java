package org.llmgate.providers.openrouter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.llmgate.providers.AccessDefaults;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamHttp;
import org.llmgate.providers.openai.OpenAiDialect;
import org.llmgate.providers.openai.OpenAiProtocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * OpenRouter: the OpenAI chat format plus {@code : OPENROUTER PROCESSING} keep-alive comments
 * (progress for the idle timeout) and error chunks inside a 200 stream — the incident's free model
 * hit an upstream 429 that arrived exactly that way. Its catalog gives prices in USD per token.
 */
@ApplicationScoped
public class OpenRouterAdapter implements ProviderAdapter {

    public static final String ID = "openrouter";
    public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";
    private static final BigDecimal CENTS_PER_MILLION_PER_USD_PER_TOKEN = new BigDecimal("100000000");

    private final OpenAiProtocol protocol = new OpenAiProtocol(ID, OpenAiDialect.COMPATIBLE, new OpenRouterErrorClassifier(),
            Map.of("X-Title", "llmgate"));
    private UpstreamHttp http;

    /** For CDI; the shared client arrives through {@link #setHttp}. */
    public OpenRouterAdapter() {
    }

    public OpenRouterAdapter(UpstreamHttp http) {
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
        return "OpenRouter";
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
    public StreamHandle stream(UpstreamCall call, StreamListener listener) {
        UpstreamCall chat = call.endpoint() == Endpoint.CHAT_COMPLETIONS || call.endpoint() == null
                ? call : call.withEndpoint(Endpoint.CHAT_COMPLETIONS);
        return protocol.stream(http, AccessDefaults.withBaseUrl(chat, DEFAULT_BASE_URL), listener);
    }

    @Override
    public CompletionStage<List<CatalogModel>> listModels(ProviderAccess access) {
        return protocol.listModels(http, AccessDefaults.withBaseUrl(access, DEFAULT_BASE_URL), OpenRouterAdapter::model);
    }

    /** One entry of {@code GET /models}: {@code pricing.prompt}/{@code completion} are USD per token, as strings. */
    static CatalogModel model(JsonObject entry) {
        String id = JsonSupport.string(entry, "id");
        String name = JsonSupport.string(entry, "name");
        JsonObject pricing = JsonSupport.object(entry, "pricing");
        return new CatalogModel(id, name == null ? id : name, JsonSupport.integer(entry, "context_length"),
                centsPerMillion(JsonSupport.decimal(pricing, "prompt")),
                centsPerMillion(JsonSupport.decimal(pricing, "completion")));
    }

    /** USD per token to cents per million tokens; negative prices (OpenRouter's "-1" for "varies") are unknown. */
    static BigDecimal centsPerMillion(BigDecimal usdPerToken) {
        if (usdPerToken == null || usdPerToken.signum() < 0) {
            return null;
        }
        BigDecimal cents = usdPerToken.multiply(CENTS_PER_MILLION_PER_USD_PER_TOKEN).stripTrailingZeros();
        return cents.scale() < 0 ? cents.setScale(0) : cents;
    }
}
