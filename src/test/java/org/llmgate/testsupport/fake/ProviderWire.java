package org.llmgate.testsupport.fake;

import com.sun.net.httpserver.Headers;
import jakarta.json.JsonObject;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * How one provider speaks HTTP, as the {@link FakeProvider} plays it: where its API lives and how
 * a key is sent, its error bodies, its streams and whole answers, and its model list. One
 * implementation per provider (subpackages {@code openai}, {@code anthropic}, {@code openrouter},
 * {@code compatible}); the fake picks it once from the request path. Paths are below
 * {@link #pathPrefix()}.
 */
public interface ProviderWire {

    /** The provider id, as in configs: openai, anthropic, openrouter, openai-compatible. */
    String id();

    /** Where under the fake's root this provider's base URL points, e.g. {@code /openai/v1}. */
    String pathPrefix();

    /** The chat endpoint a POST to this path reaches, or null. */
    Endpoint chatEndpointAt(String path);

    /** The path of the model list (GET). */
    String catalogPath();

    /** The API key the request carries, or null. */
    String apiKey(Headers headers);

    /** The provider's refusal of a request without its credentials or required headers; null when it passes. */
    ErrorReply refusal(Headers headers, String apiKey);

    /** The provider's real error for this status; {@code message}, when not null, replaces its words. */
    ErrorReply statusError(int status, String message, String model, String apiKey);

    /** The provider's real wording of a named failure; {@code message}, when not null, replaces its words. */
    ErrorReply presetError(ErrorPreset preset, String model, String message);

    /** The answer for a model that lives only on the other endpoint; asked only of providers with two. */
    ErrorReply endpointUnsupported(Endpoint supported);

    /** A request the provider cannot take: an unreadable body (400), an unknown path (404). */
    ErrorReply requestError(int status, String message);

    /** The response header that carries a request id on a stream. */
    String requestIdHeader();

    /** The writer of this endpoint's stream; {@code request} is the parsed chat request. */
    SseWriter streamWriter(Endpoint endpoint, OutputStream out, String model, JsonObject request, long inputTokens);

    /** The body of a non-streamed answer. */
    JsonObject wholeAnswer(Endpoint endpoint, String model, String text, long inputTokens, long outputTokens);

    /** The models listed until a test sets others. */
    List<CatalogModel> defaultCatalog();

    /** The model list (or, where the provider pages, the page the query asks for). */
    JsonObject catalog(List<CatalogModel> models, Map<String, String> query);
}
