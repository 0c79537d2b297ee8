package org.llmgate.testsupport.fake.openrouter;

import com.sun.net.httpserver.Headers;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.JsonSupport;
import org.llmgate.testsupport.fake.ErrorPreset;
import org.llmgate.testsupport.fake.ErrorReply;
import org.llmgate.testsupport.fake.SseWriter;
import org.llmgate.testsupport.fake.openai.OpenAiWire;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

import static org.llmgate.testsupport.fake.ErrorReply.orDefault;

/**
 * OpenRouter: OpenAI's API under {@code /openrouter/api/v1}, with errors as
 * {@code {"error":{code,message,metadata}}} (the status repeated as a number, the routed
 * provider's words in {@code metadata.raw}), its own chat chunks and a priced model list.
 */
public final class OpenRouterWire extends OpenAiWire {

    public OpenRouterWire() {
        super("openrouter", "/openrouter/api/v1");
    }

    @Override
    public ErrorReply refusal(Headers headers, String apiKey) {
        return apiKey != null ? null : error(401, "No auth credentials found", null);
    }

    @Override
    public ErrorReply statusError(int status, String message, String model, String apiKey) {
        return switch (status) {
            case 400 -> error(400, orDefault(message, "Bad Request"), null);
            case 401 -> error(401, orDefault(message, "User not found."), null);
            case 402 -> error(402, orDefault(message, "Insufficient credits. Add more using https://openrouter.ai/credits"), null);
            case 403 -> error(403, orDefault(message, "Key is disabled"), null);
            case 404 -> error(404, orDefault(message, "No endpoints found for " + model + "."), null);
            case 408 -> error(408, orDefault(message, "Timed out"), null);
            case 429 -> error(429, orDefault(message, "Provider returned error"), JsonSupport.objectBuilder()
                    .add("raw", model + " is temporarily rate-limited upstream. Please retry shortly, or add your own key to "
                            + "accumulate your rate limits: https://openrouter.ai/settings/integrations")
                    .add("provider_name", "Fake").build());
            case 502 -> error(502, orDefault(message, "Provider returned error"), JsonSupport.objectBuilder()
                    .add("raw", "upstream connect error").add("provider_name", "Fake").build());
            case 503 -> error(503, orDefault(message, "No allowed providers are available for the selected model."), null);
            default -> error(status, orDefault(message, status >= 500 ? "Internal Server Error" : "Bad Request"), null);
        };
    }

    @Override
    public ErrorReply presetError(ErrorPreset preset, String model, String message) {
        return switch (preset) {
            case INSUFFICIENT_QUOTA -> statusError(402, message, model, null);
            case CONTEXT_TOO_LONG -> error(400, orDefault(message, "This endpoint's maximum context length is "
                    + "8192 tokens. However, you requested about 9012 tokens (9012 of text input). Please reduce the length "
                    + "of either one, or use the \"middle-out\" transform to compress your prompt automatically."), null);
            case CONTENT_FILTERED -> error(403, orDefault(message, model + " requires moderation on OpenAI. "
                    + "Your input was flagged for \"harassment\". No credits were charged."), JsonSupport.objectBuilder()
                    .add("reasons", JsonSupport.arrayBuilder().add("harassment"))
                    .add("flagged_input", "...")
                    .add("provider_name", "OpenAI")
                    .add("model_slug", model).build());
        };
    }

    @Override
    public ErrorReply endpointUnsupported(Endpoint supported) {
        return error(404, onlySupportedOn(supported), null);
    }

    @Override
    public ErrorReply requestError(int status, String message) {
        return error(status, message, null);
    }

    private static ErrorReply error(int status, String message, JsonObject metadata) {
        JsonObjectBuilder error = JsonSupport.objectBuilder().add("message", message).add("code", status);
        if (metadata != null) {
            error.add("metadata", metadata);
        }
        return new ErrorReply(status, JsonSupport.objectBuilder().add("error", error).build());
    }

    @Override
    protected SseWriter chatChunks(OutputStream out, String model, boolean includeUsage) {
        return new OpenRouterChunks(out, model);
    }

    @Override
    public List<CatalogModel> defaultCatalog() {
        return List.of(new CatalogModel("meta-llama/llama-3.3-70b-instruct:free", "Meta: Llama 3.3 70B Instruct (free)",
                        131_072, BigDecimal.ZERO, BigDecimal.ZERO),
                new CatalogModel("openai/gpt-4o-mini", "OpenAI: GPT-4o-mini", 128_000,
                        new BigDecimal("15"), new BigDecimal("60")),
                new CatalogModel("anthropic/claude-sonnet-4", "Anthropic: Claude Sonnet 4", 200_000,
                        new BigDecimal("300"), new BigDecimal("1500")));
    }

    @Override
    public JsonObject catalog(List<CatalogModel> models, Map<String, String> query) {
        JsonArrayBuilder data = JsonSupport.arrayBuilder();
        for (CatalogModel model : models) {
            JsonObjectBuilder entry = JsonSupport.objectBuilder().add("id", model.id()).add("canonical_slug", model.id())
                    .add("name", model.name() == null ? model.id() : model.name()).add("created", 1_715_367_049L)
                    .add("description", "A fake model.")
                    .add("architecture", JsonSupport.objectBuilder().add("modality", "text->text")
                            .add("input_modalities", JsonSupport.arrayBuilder().add("text"))
                            .add("output_modalities", JsonSupport.arrayBuilder().add("text"))
                            .add("tokenizer", "Other").addNull("instruct_type"));
            if (model.contextWindow() != null) {
                entry.add("context_length", model.contextWindow());
            } else {
                entry.addNull("context_length");
            }
            if (model.inputCentsPerMillion() != null || model.outputCentsPerMillion() != null) {
                entry.add("pricing", JsonSupport.objectBuilder()
                        .add("prompt", usdPerToken(model.inputCentsPerMillion()))
                        .add("completion", usdPerToken(model.outputCentsPerMillion()))
                        .add("request", "0").add("image", "0").add("web_search", "0").add("internal_reasoning", "0"));
            }
            entry.add("top_provider", JsonSupport.objectBuilder().add("is_moderated", false))
                    .addNull("per_request_limits")
                    .add("supported_parameters", JsonSupport.arrayBuilder().add("max_tokens").add("temperature"));
            data.add(entry);
        }
        return JsonSupport.objectBuilder().add("data", data).build();
    }

    /** Cents per million tokens as OpenRouter's price: a USD-per-token decimal string. */
    static String usdPerToken(BigDecimal centsPerMillion) {
        if (centsPerMillion == null) {
            return "0";
        }
        return centsPerMillion.divide(new BigDecimal("100000000"), MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
    }
}
