package org.llmgate.providers.openai;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.platform.BoundedMemo;
import org.llmgate.platform.JsonText;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.CatalogRequests;
import org.llmgate.providers.ChatMessage;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.FailedStream;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.JsonSupport;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.SseStream;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.UpstreamHttp;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The OpenAI wire format, shared by the {@code openai}, {@code openai-compatible} and
 * {@code openrouter} adapters: Chat Completions and Responses requests and streams, and
 * {@code GET /models}. The base URL includes the version path (SPEC §2).
 */
public final class OpenAiProtocol {

    /** The chat URIs under each base URL, parsed once: {@code URI.create} per chat was 2.6 % of the chat servlet's time. */
    private static final BoundedMemo<String, URI> CHAT_COMPLETIONS_URIS =
            new BoundedMemo<>(1024, baseUrl -> CatalogRequests.join(baseUrl, "/chat/completions"));
    private static final BoundedMemo<String, URI> RESPONSES_URIS =
            new BoundedMemo<>(1024, baseUrl -> CatalogRequests.join(baseUrl, "/responses"));

    private final String providerId;
    private final OpenAiDialect dialect;
    private final HttpErrorClassifier errors;
    private final Map<String, String> extraHeaders;

    public OpenAiProtocol(String providerId, OpenAiDialect dialect, HttpErrorClassifier errors,
                          Map<String, String> extraHeaders) {
        this.providerId = providerId;
        this.dialect = dialect;
        this.errors = errors;
        this.extraHeaders = Map.copyOf(extraHeaders);
    }

    public HttpErrorClassifier errors() {
        return errors;
    }

    public StreamHandle stream(UpstreamHttp http, UpstreamCall call, StreamListener listener) {
        String baseUrl = call.access() == null ? null : call.access().baseUrl();
        if (baseUrl == null || baseUrl.isBlank()) {
            return FailedStream.deliver(http, new UpstreamFailure(ErrorClass.UNREACHABLE,
                    "no base URL configured for " + providerId), listener);
        }
        Endpoint endpoint = call.endpoint() == null ? Endpoint.CHAT_COMPLETIONS : call.endpoint();
        HttpRequest request;
        try {
            request = switch (endpoint) {
                case CHAT_COMPLETIONS -> post(CHAT_COMPLETIONS_URIS.get(baseUrl), call, chatBody(call));
                case RESPONSES -> post(RESPONSES_URIS.get(baseUrl), call, responsesBody(call).toString());
                case MESSAGES -> null;
            };
        } catch (IllegalArgumentException badUrl) {
            return FailedStream.deliver(http, new UpstreamFailure(ErrorClass.UNREACHABLE,
                    "invalid base URL for " + providerId), listener);
        }
        if (request == null) {
            return FailedStream.deliver(http, new UpstreamFailure(ErrorClass.ENDPOINT_UNSUPPORTED,
                    providerId + " does not speak the " + endpoint.wireName() + " endpoint"), listener);
        }
        SseStream.Decoder decoder = endpoint == Endpoint.RESPONSES
                ? new ResponsesDecoder(errors) : new ChatCompletionsDecoder(errors);
        return SseStream.start(http, request, call, errors, decoder, listener);
    }

    /**
     * The Chat Completions body, written as text: built as a JSON-P object and printed, it took a
     * tenth of the request thread's upstream call in the slow streams' profile (issue 16).
     */
    String chatBody(UpstreamCall call) {
        List<ChatMessage> messages = call.messages() == null ? List.of() : call.messages();
        StringBuilder body = new StringBuilder(128 + 64 * messages.size());
        JsonText.string(body.append("{\"model\":"), call.model()).append(",\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            JsonText.string(body.append(i == 0 ? "{\"role\":" : ",{\"role\":"), message.role() == null ? "user" : message.role());
            JsonText.string(body.append(",\"content\":"), message.content() == null ? "" : message.content()).append('}');
        }
        body.append("],\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        if (call.maxOutputTokens() != null) {
            JsonText.string(body.append(','), dialect.maxTokensField()).append(':').append(call.maxOutputTokens().intValue());
        }
        if (call.temperature() != null) {
            // as JSON-P prints a double (BigDecimal.valueOf), so the wire text is what it was
            body.append(",\"temperature\":").append(BigDecimal.valueOf(call.temperature()));
        }
        return body.append('}').toString();
    }

    JsonObject responsesBody(UpstreamCall call) {
        JsonObjectBuilder body = JsonSupport.objectBuilder()
                .add("model", call.model())
                .add("input", messages(call.messages()))
                .add("stream", true);
        if (call.maxOutputTokens() != null) {
            body.add("max_output_tokens", call.maxOutputTokens());
        }
        if (call.temperature() != null) {
            body.add("temperature", call.temperature());
        }
        if (dialect.storeResponses() != null) {
            body.add("store", dialect.storeResponses());
        }
        return body.build();
    }

    private static JsonArray messages(List<ChatMessage> messages) {
        JsonArrayBuilder array = JsonSupport.arrayBuilder();
        for (ChatMessage message : messages == null ? List.<ChatMessage>of() : messages) {
            array.add(JsonSupport.objectBuilder()
                    .add("role", message.role() == null ? "user" : message.role())
                    .add("content", message.content() == null ? "" : message.content()));
        }
        return array.build();
    }

    private HttpRequest post(URI uri, UpstreamCall call, String body) {
        // no request timeout: SseStream's deadline check covers the wait for the headers and the first
        // line; the JDK's own would register a second timer per chat and wake its selector for it
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("User-Agent", "llmgate")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers(call.access()).forEach(builder::header);
        return builder.build();
    }

    /** Bearer auth when there is a key (a local server may need none), plus the adapter's own headers. */
    private Map<String, String> headers(ProviderAccess access) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        String key = access == null ? null : access.apiKey();
        if (key != null && !key.isBlank()) {
            headers.put("Authorization", "Bearer " + key.strip());
        }
        return headers;
    }

    /** {@code GET {base}/models}: {@code data[].id}, and a context window where the server tells one. */
    public CompletionStage<List<CatalogModel>> listModels(UpstreamHttp http, ProviderAccess access,
                                                          ModelReader reader) {
        if (access == null || access.baseUrl() == null || access.baseUrl().isBlank()) {
            return CompletableFuture.failedFuture(new UpstreamFailure(ErrorClass.UNREACHABLE,
                    "no base URL configured for " + providerId));
        }
        URI uri;
        try {
            uri = CatalogRequests.join(access.baseUrl(), "/models");
        } catch (IllegalArgumentException badUrl) {
            return CompletableFuture.failedFuture(new UpstreamFailure(ErrorClass.UNREACHABLE,
                    "invalid base URL for " + providerId));
        }
        CompletableFuture<List<CatalogModel>> listing = CatalogRequests
                .getJson(http, uri, headers(access), errors, access.apiKey())
                .thenApply(json -> {
                    List<CatalogModel> models = new ArrayList<>();
                    JsonArray data = JsonSupport.array(json, "data");
                    if (data != null) {
                        for (int i = 0; i < data.size(); i++) {
                            if (data.get(i) instanceof JsonObject entry && JsonSupport.string(entry, "id") != null) {
                                models.add(reader.read(entry));
                            }
                        }
                    }
                    return List.copyOf(models);
                });
        return CatalogRequests.withDeadline(listing);
    }

    /** Reads one {@code data[]} entry of a model list. */
    @FunctionalInterface
    public interface ModelReader {

        CatalogModel read(JsonObject entry);

        /** OpenAI and most compatible servers: an id; vLLM adds {@code max_model_len}, others {@code context_length}. */
        ModelReader OPENAI_STYLE = entry -> {
            String id = JsonSupport.string(entry, "id");
            String name = JsonSupport.string(entry, "name");
            Integer context = JsonSupport.integer(entry, "context_length");
            if (context == null) {
                context = JsonSupport.integer(entry, "max_model_len");
            }
            if (context == null) {
                context = JsonSupport.integer(entry, "context_window");
            }
            return new CatalogModel(id, name == null ? id : name, context, null, null);
        };
    }
}
