package org.llmgate.testsupport.fake.anthropic;

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
 * Anthropic: the Messages API under {@code /anthropic/v1/messages}, {@code x-api-key} and a
 * required {@code anthropic-version}, errors as
 * {@code {"type":"error","error":{type,message},"request_id"}} and a paginated model list. Its
 * pages hold at most {@value #MAX_PAGE} models so that every client paginates with
 * {@code after_id}; the real API pages by {@code limit} (default 20).
 */
public final class AnthropicWire implements ProviderWire {

    static final int MAX_PAGE = 2;

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public String pathPrefix() {
        return "/anthropic";
    }

    @Override
    public Endpoint chatEndpointAt(String path) {
        return path.equals("/v1/messages") ? Endpoint.MESSAGES : null;
    }

    @Override
    public String catalogPath() {
        return "/v1/models";
    }

    @Override
    public String apiKey(Headers headers) {
        String key = headers.getFirst("x-api-key");
        return key == null || key.isBlank() ? null : key;
    }

    @Override
    public ErrorReply refusal(Headers headers, String apiKey) {
        if (apiKey == null) {
            return error(401, "x-api-key header is required");
        }
        return headers.getFirst("anthropic-version") == null ? error(400, "anthropic-version: header is required") : null;
    }

    @Override
    public ErrorReply statusError(int status, String message, String model, String apiKey) {
        return error(status, orDefault(message, switch (status) {
            case 400 -> "messages: at least one message is required";
            case 401 -> "invalid x-api-key";
            case 402 -> "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.";
            case 403 -> "Your API key does not have permission to use the specified resource.";
            case 404 -> "model: " + model;
            case 413 -> "Request exceeds the maximum allowed number of bytes.";
            case 429 -> "Number of request tokens has exceeded your per-minute rate limit";
            case 529 -> "Overloaded";
            default -> status >= 500 ? "Internal server error" : "Invalid request";
        }));
    }

    @Override
    public ErrorReply presetError(ErrorPreset preset, String model, String message) {
        return switch (preset) {
            // an exhausted balance is a 400 invalid_request_error, not a 402
            case INSUFFICIENT_QUOTA -> error(400, orDefault(message, "Your credit balance is too low to access the "
                    + "Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."), "invalid_request_error");
            case CONTEXT_TOO_LONG -> error(400, orDefault(message, "prompt is too long: 205351 tokens > 200000 maximum"));
            case CONTENT_FILTERED -> error(400, orDefault(message, "Output blocked by content filtering policy"));
        };
    }

    /** Never asked: the Messages API is Anthropic's only chat endpoint. */
    @Override
    public ErrorReply endpointUnsupported(Endpoint supported) {
        throw new IllegalStateException("anthropic has one chat endpoint");
    }

    @Override
    public ErrorReply requestError(int status, String message) {
        return error(status, message);
    }

    /** The error type goes with the status. */
    private static ErrorReply error(int status, String message) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        return error(status, message, type);
    }

    private static ErrorReply error(int status, String message, String type) {
        return new ErrorReply(status, JsonSupport.objectBuilder()
                .add("type", "error")
                .add("error", JsonSupport.objectBuilder().add("type", type).add("message", message))
                .add("request_id", "req_fake" + Long.toHexString(System.nanoTime()))
                .build());
    }

    @Override
    public String requestIdHeader() {
        return "request-id";
    }

    @Override
    public SseWriter streamWriter(Endpoint endpoint, OutputStream out, String model, JsonObject request, long inputTokens) {
        return new MessagesEvents(out, model, inputTokens);
    }

    @Override
    public JsonObject wholeAnswer(Endpoint endpoint, String model, String text, long inputTokens, long outputTokens) {
        return JsonSupport.objectBuilder().add("id", "msg_fake").add("type", "message").add("role", "assistant")
                .add("model", model)
                .add("content", JsonSupport.arrayBuilder().add(JsonSupport.objectBuilder().add("type", "text").add("text", text)))
                .add("stop_reason", "end_turn").addNull("stop_sequence")
                .add("usage", JsonSupport.objectBuilder().add("input_tokens", inputTokens).add("output_tokens", outputTokens)).build();
    }

    @Override
    public List<CatalogModel> defaultCatalog() {
        return List.of(new CatalogModel("claude-opus-4-1-20250805", "Claude Opus 4.1", 200_000, null, null),
                new CatalogModel("claude-sonnet-4-20250514", "Claude Sonnet 4", 200_000, null, null),
                new CatalogModel("claude-3-5-haiku-20241022", "Claude Haiku 3.5", 200_000, null, null));
    }

    /** One page: at most {@value #MAX_PAGE} models (fewer if {@code limit} asks), by {@code after_id} or {@code before_id}. */
    @Override
    public JsonObject catalog(List<CatalogModel> models, Map<String, String> query) {
        int limit = MAX_PAGE;
        try {
            limit = Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(query.getOrDefault("limit", "20"))));
        } catch (NumberFormatException ignored) {
            // keep the default
        }
        int from = 0;
        int to;
        String afterId = query.get("after_id");
        String beforeId = query.get("before_id");
        if (afterId != null) {
            from = indexOf(models, afterId) + 1;
            to = Math.min(models.size(), from + limit);
        } else if (beforeId != null) {
            to = Math.max(0, indexOf(models, beforeId));
            from = Math.max(0, to - limit);
        } else {
            to = Math.min(models.size(), limit);
        }
        if (from > to) {
            from = to;
        }
        List<CatalogModel> page = models.subList(from, to);
        JsonArrayBuilder data = JsonSupport.arrayBuilder();
        for (CatalogModel model : page) {
            JsonObjectBuilder entry = JsonSupport.objectBuilder().add("type", "model").add("id", model.id())
                    .add("display_name", model.name() == null ? model.id() : model.name())
                    .add("created_at", "2025-02-19T00:00:00Z");
            if (model.contextWindow() != null) {
                entry.add("max_input_tokens", model.contextWindow());
            }
            data.add(entry);
        }
        boolean hasMore = beforeId != null ? from > 0 : to < models.size();
        JsonObjectBuilder body = JsonSupport.objectBuilder().add("data", data).add("has_more", hasMore);
        if (page.isEmpty()) {
            body.addNull("first_id").addNull("last_id");
        } else {
            body.add("first_id", page.get(0).id()).add("last_id", page.get(page.size() - 1).id());
        }
        return body.build();
    }

    private static int indexOf(List<CatalogModel> models, String id) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).id().equals(id)) {
                return i;
            }
        }
        return models.size();
    }
}
