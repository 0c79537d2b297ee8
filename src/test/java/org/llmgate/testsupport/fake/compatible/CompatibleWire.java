package org.llmgate.testsupport.fake.compatible;

import com.sun.net.httpserver.Headers;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.JsonSupport;
import org.llmgate.testsupport.fake.ErrorReply;
import org.llmgate.testsupport.fake.openai.OpenAiWire;

import java.util.List;

import static org.llmgate.testsupport.fake.ErrorReply.orDefault;

/**
 * A self-hosted server speaking OpenAI's API under {@code /compatible/v1}, played as vLLM: no key
 * needed, its own error bodies ({@code {"error":"Unauthorized"}} with {@code --api-key}, else
 * OpenAI's shape with an exception name as type and a numeric code) and {@code max_model_len} in
 * the model list.
 */
public final class CompatibleWire extends OpenAiWire {

    public CompatibleWire() {
        super("openai-compatible", "/compatible/v1");
    }

    @Override
    public ErrorReply refusal(Headers headers, String apiKey) {
        return null;
    }

    @Override
    public ErrorReply statusError(int status, String message, String model, String apiKey) {
        if (status == 401) {
            // vLLM started with --api-key answers exactly this
            return new ErrorReply(401, JsonSupport.objectBuilder().add("error", orDefault(message, "Unauthorized")).build());
        }
        String type = switch (status) {
            case 400 -> "BadRequestError";
            case 404 -> "NotFoundError";
            case 429 -> "RateLimitError";
            default -> status >= 500 ? "InternalServerError" : "BadRequestError";
        };
        String text = orDefault(message, switch (status) {
            case 404 -> "The model `" + model + "` does not exist.";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "Internal server error" : "Bad request";
        });
        JsonObjectBuilder error = JsonSupport.objectBuilder().add("message", text).add("type", type)
                .addNull("param").add("code", status);
        return new ErrorReply(status, JsonSupport.objectBuilder().add("error", error).build());
    }

    @Override
    public List<CatalogModel> defaultCatalog() {
        return List.of(new CatalogModel("meta-llama/Llama-3.1-8B-Instruct", null, 131_072, null, null));
    }

    @Override
    protected JsonObjectBuilder catalogEntry(CatalogModel model) {
        JsonObjectBuilder entry = JsonSupport.objectBuilder().add("id", model.id()).add("object", "model")
                .add("created", 1_715_367_049L).add("owned_by", "vllm");
        if (model.contextWindow() != null) {
            entry.add("root", model.id()).addNull("parent").add("max_model_len", model.contextWindow());
        }
        return entry;
    }
}
