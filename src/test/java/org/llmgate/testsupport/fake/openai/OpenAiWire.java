package org.llmgate.testsupport.fake.openai;

import com.sun.net.httpserver.Headers;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.JsonSupport;
import org.llmgate.testsupport.fake.ErrorPreset;
import org.llmgate.testsupport.fake.ErrorReply;
import org.llmgate.testsupport.fake.ProviderWire;
import org.llmgate.testsupport.fake.SseWriter;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import static org.llmgate.testsupport.fake.ErrorReply.orDefault;

/**
 * OpenAI: Chat Completions and the Responses API under {@code /openai/v1}, Bearer keys, errors as
 * {@code {"error":{message,type,param,code}}}. OpenRouter and compatible servers speak it too and
 * override where they differ.
 */
public class OpenAiWire implements ProviderWire {

    private final String id;
    private final String pathPrefix;

    public OpenAiWire() {
        this("openai", "/openai/v1");
    }

    protected OpenAiWire(String id, String pathPrefix) {
        this.id = id;
        this.pathPrefix = pathPrefix;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String pathPrefix() {
        return pathPrefix;
    }

    @Override
    public Endpoint chatEndpointAt(String path) {
        return switch (path) {
            case "/chat/completions" -> Endpoint.CHAT_COMPLETIONS;
            case "/responses" -> Endpoint.RESPONSES;
            default -> null;
        };
    }

    @Override
    public String catalogPath() {
        return "/models";
    }

    @Override
    public String apiKey(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = authorization.substring(7).strip();
        return key.isEmpty() ? null : key;
    }

    @Override
    public ErrorReply refusal(Headers headers, String apiKey) {
        return apiKey != null ? null : error(401, "You didn't provide an API key. You need to provide your API key in an "
                + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null);
    }

    @Override
    public ErrorReply statusError(int status, String message, String model, String apiKey) {
        return switch (status) {
            case 400 -> error(400, orDefault(message, "Invalid value for 'messages': the messages array is malformed."),
                    "invalid_request_error", "messages", null);
            case 401 -> error(401, orDefault(message, "Incorrect API key provided: " + maskLikeOpenAi(apiKey)
                    + ". You can find your API key at https://platform.openai.com/account/api-keys."),
                    "invalid_request_error", null, "invalid_api_key");
            case 402 -> error(402, orDefault(message, "You exceeded your current quota, please check your plan and billing details."),
                    "insufficient_quota", null, "insufficient_quota");
            case 403 -> error(403, orDefault(message, "You are not allowed to sample from this model"),
                    "invalid_request_error", null, null);
            case 404 -> error(404, orDefault(message, "The model `" + model + "` does not exist or you do not have access to it."),
                    "invalid_request_error", null, "model_not_found");
            case 429 -> error(429, orDefault(message, "Rate limit reached for " + model + " in organization org-fake on "
                    + "requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s."),
                    "requests", null, "rate_limit_exceeded");
            case 500 -> error(500, orDefault(message, "The server had an error while processing your request. Sorry about that!"),
                    "server_error", null, null);
            case 502 -> error(502, orDefault(message, "Bad gateway."), "server_error", null, null);
            case 503 -> error(503, orDefault(message, "The engine is currently overloaded, please try again later."),
                    "server_error", null, null);
            case 504 -> error(504, orDefault(message, "Gateway timeout."), "server_error", null, null);
            case 529 -> error(529, orDefault(message, "Overloaded"), "overloaded_error", null, null);
            default -> error(status, orDefault(message, "Upstream answered HTTP " + status + "."),
                    status >= 500 ? "server_error" : "invalid_request_error", null, null);
        };
    }

    @Override
    public ErrorReply presetError(ErrorPreset preset, String model, String message) {
        return switch (preset) {
            case INSUFFICIENT_QUOTA -> error(429, orDefault(message, "You exceeded your current quota, please check your plan "
                    + "and billing details. For more information on this error, read the docs: "
                    + "https://platform.openai.com/docs/guides/error-codes/api-errors."), "insufficient_quota", null, "insufficient_quota");
            case CONTEXT_TOO_LONG -> error(400, orDefault(message, "This model's maximum context length is 8192 tokens. However, "
                    + "your messages resulted in 9012 tokens. Please reduce the length of the messages."),
                    "invalid_request_error", "messages", "context_length_exceeded");
            case CONTENT_FILTERED -> error(400, orDefault(message, "Your request was rejected as a result of our safety system. "
                    + "Your prompt may contain text that is not allowed by our safety system."),
                    "invalid_request_error", null, "content_policy_violation");
        };
    }

    @Override
    public ErrorReply endpointUnsupported(Endpoint supported) {
        return error(404, onlySupportedOn(supported), "invalid_request_error", "model", null);
    }

    /** OpenAI's words for a model that lives on the other endpoint. */
    protected static String onlySupportedOn(Endpoint supported) {
        return supported == Endpoint.RESPONSES
                ? "This model is only supported in v1/responses and not in v1/chat/completions."
                : "This model is only supported in v1/chat/completions and not in v1/responses.";
    }

    @Override
    public ErrorReply requestError(int status, String message) {
        return error(status, message, "invalid_request_error", null, null);
    }

    protected static ErrorReply error(int status, String message, String type, String param, String code) {
        JsonObjectBuilder error = JsonSupport.objectBuilder().add("message", message).add("type", type);
        addOrNull(error, "param", param);
        addOrNull(error, "code", code);
        return new ErrorReply(status, JsonSupport.objectBuilder().add("error", error).build());
    }

    private static void addOrNull(JsonObjectBuilder builder, String key, String value) {
        if (value == null) {
            builder.addNull(key);
        } else {
            builder.add(key, value);
        }
    }

    /** OpenAI echoes the start and the last four characters of a wrong key. */
    static String maskLikeOpenAi(String apiKey) {
        if (apiKey == null || apiKey.length() < 8) {
            return "sk-***";
        }
        return apiKey.substring(0, Math.min(8, apiKey.length() - 4)) + "***" + apiKey.substring(apiKey.length() - 4);
    }

    @Override
    public String requestIdHeader() {
        return "x-request-id";
    }

    @Override
    public SseWriter streamWriter(Endpoint endpoint, OutputStream out, String model, JsonObject request, long inputTokens) {
        return switch (endpoint) {
            case RESPONSES -> new ResponsesEvents(out, model);
            case CHAT_COMPLETIONS -> chatChunks(out, model,
                    JsonSupport.bool(JsonSupport.object(request, "stream_options"), "include_usage"));
            case MESSAGES -> throw new IllegalArgumentException(id + " has no Messages API");
        };
    }

    protected SseWriter chatChunks(OutputStream out, String model, boolean includeUsage) {
        return new ChatCompletionChunks(out, model, includeUsage);
    }

    @Override
    public JsonObject wholeAnswer(Endpoint endpoint, String model, String text, long inputTokens, long outputTokens) {
        return switch (endpoint) {
            case RESPONSES -> JsonSupport.objectBuilder().add("id", "resp_fake").add("object", "response").add("status", "completed")
                    .add("model", model)
                    .add("output", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder().add("type", "message")
                            .add("id", "msg_fake").add("status", "completed").add("role", "assistant")
                            .add("content", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder()
                                    .add("type", "output_text").add("text", text).add("annotations", JsonSupport.arrayBuilder())))))
                    .add("usage", JsonSupport.objectBuilder().add("input_tokens", inputTokens).add("output_tokens", outputTokens)
                            .add("total_tokens", inputTokens + outputTokens)).build();
            case CHAT_COMPLETIONS -> JsonSupport.objectBuilder().add("id", "chatcmpl-fake").add("object", "chat.completion")
                    .add("created", System.currentTimeMillis() / 1000).add("model", model)
                    .add("choices", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder().add("index", 0)
                            .add("message", JsonSupport.objectBuilder().add("role", "assistant").add("content", text))
                            .add("finish_reason", "stop")))
                    .add("usage", JsonSupport.objectBuilder().add("prompt_tokens", inputTokens).add("completion_tokens", outputTokens)
                            .add("total_tokens", inputTokens + outputTokens)).build();
            case MESSAGES -> throw new IllegalArgumentException(id + " has no Messages API");
        };
    }

    @Override
    public List<CatalogModel> defaultCatalog() {
        return List.of(new CatalogModel("gpt-4o-mini", null, null, null, null),
                new CatalogModel("gpt-4.1", null, null, null, null),
                new CatalogModel("o3-pro", null, null, null, null));
    }

    @Override
    public JsonObject catalog(List<CatalogModel> models, Map<String, String> query) {
        JsonArrayBuilder data = JsonSupport.arrayBuilder();
        for (CatalogModel model : models) {
            data.add(catalogEntry(model));
        }
        return JsonSupport.objectBuilder().add("object", "list").add("data", data).build();
    }

    protected JsonObjectBuilder catalogEntry(CatalogModel model) {
        return JsonSupport.objectBuilder().add("id", model.id()).add("object", "model")
                .add("created", 1_715_367_049L).add("owned_by", "openai");
    }
}
