package org.llmgate.providers.anthropic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.platform.BoundedMemo;
import org.llmgate.providers.AccessDefaults;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.CatalogRequests;
import org.llmgate.providers.ChatMessage;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.FailedStream;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.SseStream;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.UpstreamHttp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Anthropic's Messages API. The base URL has no version path ({@code https://api.anthropic.com},
 * SPEC §2); system turns go to the top-level {@code system} field; {@code max_tokens} is required.
 */
@ApplicationScoped
public class AnthropicAdapter implements ProviderAdapter {

    public static final String ID = "anthropic";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    /** The chat URI under each base URL, parsed once (see OpenAiProtocol). */
    private static final BoundedMemo<String, URI> MESSAGES_URIS =
            new BoundedMemo<>(1024, baseUrl -> CatalogRequests.join(baseUrl, "/v1/messages"));
    public static final String API_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 1024;
    private static final int MAX_PAGES = 50;

    private final AnthropicErrorClassifier errors = new AnthropicErrorClassifier();
    private UpstreamHttp http;

    /** For CDI; the shared client arrives through {@link #setHttp}. */
    public AnthropicAdapter() {
    }

    public AnthropicAdapter(UpstreamHttp http) {
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
        return "Anthropic";
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
        return Endpoint.MESSAGES;
    }

    @Override
    public StreamHandle stream(UpstreamCall call, StreamListener listener) {
        UpstreamCall resolved = AccessDefaults.withBaseUrl(call, DEFAULT_BASE_URL);
        HttpRequest request;
        try {
            // no request timeout: SseStream's deadline check covers the first byte (see OpenAiProtocol)
            HttpRequest.Builder builder = HttpRequest.newBuilder(MESSAGES_URIS.get(resolved.access().baseUrl()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .header("User-Agent", "llmgate")
                    .POST(HttpRequest.BodyPublishers.ofString(body(resolved).toString()));
            headers(resolved.access()).forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException badUrl) {
            return FailedStream.deliver(http, new UpstreamFailure(ErrorClass.UNREACHABLE, "invalid base URL for anthropic"), listener);
        }
        return SseStream.start(http, request, resolved, errors, new MessagesDecoder(errors), listener);
    }

    static JsonObject body(UpstreamCall call) {
        StringBuilder system = new StringBuilder();
        JsonArrayBuilder messages = JsonSupport.arrayBuilder();
        for (ChatMessage message : call.messages() == null ? List.<ChatMessage>of() : call.messages()) {
            String content = message.content() == null ? "" : message.content();
            if ("system".equals(message.role()) || "developer".equals(message.role())) {
                system.append(system.length() == 0 ? "" : "\n\n").append(content);
            } else {
                messages.add(JsonSupport.objectBuilder()
                        .add("role", "assistant".equals(message.role()) ? "assistant" : "user")
                        .add("content", content));
            }
        }
        JsonObjectBuilder body = JsonSupport.objectBuilder()
                .add("model", call.model())
                .add("max_tokens", call.maxOutputTokens() == null ? DEFAULT_MAX_TOKENS : call.maxOutputTokens())
                .add("messages", messages)
                .add("stream", true);
        if (system.length() > 0) {
            body.add("system", system.toString());
        }
        if (call.temperature() != null) {
            // Anthropic accepts 0..1 where OpenAI takes 0..2: a shared config must not turn into a 400
            body.add("temperature", Math.max(0.0, Math.min(1.0, call.temperature())));
        }
        return body.build();
    }

    private static Map<String, String> headers(ProviderAccess access) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (access.apiKey() != null && !access.apiKey().isBlank()) {
            headers.put("x-api-key", access.apiKey().strip());
        }
        headers.put("anthropic-version", API_VERSION);
        return headers;
    }

    /** {@code GET /v1/models}, following {@code has_more}/{@code last_id} with {@code after_id}. */
    @Override
    public CompletionStage<List<CatalogModel>> listModels(ProviderAccess access) {
        ProviderAccess resolved = AccessDefaults.withBaseUrl(access, DEFAULT_BASE_URL);
        List<CatalogModel> models = new ArrayList<>();
        CompletableFuture<List<CatalogModel>> listing;
        try {
            listing = page(resolved, null, models, 1);
        } catch (IllegalArgumentException badUrl) {
            return CompletableFuture.failedFuture(new UpstreamFailure(ErrorClass.UNREACHABLE, "invalid base URL for anthropic"));
        }
        return CatalogRequests.withDeadline(listing);
    }

    private CompletableFuture<List<CatalogModel>> page(ProviderAccess access, String afterId, List<CatalogModel> models,
                                                      int pageNumber) {
        String query = "?limit=1000" + (afterId == null ? "" : "&after_id=" + URLEncoder.encode(afterId, StandardCharsets.UTF_8));
        URI uri = CatalogRequests.join(access.baseUrl(), "/v1/models" + query);
        return CatalogRequests.getJson(http, uri, headers(access), errors, access.apiKey()).thenCompose(json -> {
            JsonArray data = JsonSupport.array(json, "data");
            if (data != null) {
                for (int i = 0; i < data.size(); i++) {
                    if (data.get(i) instanceof JsonObject entry && JsonSupport.string(entry, "id") != null) {
                        models.add(model(entry));
                    }
                }
            }
            String lastId = JsonSupport.string(json, "last_id");
            if (JsonSupport.bool(json, "has_more") && lastId != null && !lastId.equals(afterId) && pageNumber < MAX_PAGES) {
                return page(access, lastId, models, pageNumber + 1);
            }
            return CompletableFuture.completedFuture(List.copyOf(models));
        });
    }

    private static CatalogModel model(JsonObject entry) {
        String id = JsonSupport.string(entry, "id");
        String name = JsonSupport.string(entry, "display_name");
        return new CatalogModel(id, name == null ? id : name, JsonSupport.integer(entry, "max_input_tokens"), null, null);
    }
}
