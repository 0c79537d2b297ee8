package org.llmgate.testsupport.fake;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.JsonSupport;

/**
 * The error bodies each provider really sends, by status (OpenAI {@code {"error":{message,type,param,code}}},
 * Anthropic {@code {"type":"error","error":{type,message},"request_id"}}, OpenRouter
 * {@code {"error":{code,message,metadata}}}, vLLM-style for openai-compatible).
 */
final class FakeErrors {

    record Reply(int status, JsonObject body) {
    }

    private FakeErrors() {
    }

    static Reply forStatus(String provider, int status, String message, String model, String apiKey) {
        return switch (provider) {
            case FakeProvider.ANTHROPIC -> anthropic(status, message != null ? message : anthropicMessage(status, model));
            case FakeProvider.OPENROUTER -> openRouter(status, message, model);
            case FakeProvider.COMPATIBLE -> compatible(status, message, model);
            default -> openAi(status, message, model, apiKey);
        };
    }

    static Reply preset(String provider, String preset, String model, String message) {
        return switch (preset) {
            case "insufficient_quota" -> switch (provider) {
                case FakeProvider.ANTHROPIC -> anthropic(400, orDefault(message, "Your credit balance is too low to access the "
                        + "Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."), "invalid_request_error");
                case FakeProvider.OPENROUTER -> openRouter(402, message, model);
                default -> openAiBody(429, orDefault(message, "You exceeded your current quota, please check your plan and billing "
                        + "details. For more information on this error, read the docs: "
                        + "https://platform.openai.com/docs/guides/error-codes/api-errors."), "insufficient_quota", null, "insufficient_quota");
            };
            case "context_length" -> switch (provider) {
                case FakeProvider.ANTHROPIC -> anthropic(400, orDefault(message, "prompt is too long: 205351 tokens > 200000 maximum"));
                case FakeProvider.OPENROUTER -> openRouterBody(400, orDefault(message, "This endpoint's maximum context length is "
                        + "8192 tokens. However, you requested about 9012 tokens (9012 of text input). Please reduce the length "
                        + "of either one, or use the \"middle-out\" transform to compress your prompt automatically."), null);
                default -> openAiBody(400, orDefault(message, "This model's maximum context length is 8192 tokens. However, your "
                        + "messages resulted in 9012 tokens. Please reduce the length of the messages."),
                        "invalid_request_error", "messages", "context_length_exceeded");
            };
            default -> switch (provider) {
                case FakeProvider.ANTHROPIC -> anthropic(400, orDefault(message, "Output blocked by content filtering policy"));
                case FakeProvider.OPENROUTER -> openRouterBody(403, orDefault(message, model + " requires moderation on OpenAI. "
                        + "Your input was flagged for \"harassment\". No credits were charged."), JsonSupport.objectBuilder()
                        .add("reasons", JsonSupport.arrayBuilder().add("harassment"))
                        .add("flagged_input", "...")
                        .add("provider_name", "OpenAI")
                        .add("model_slug", model).build());
                default -> openAiBody(400, orDefault(message, "Your request was rejected as a result of our safety system. "
                        + "Your prompt may contain text that is not allowed by our safety system."),
                        "invalid_request_error", null, "content_policy_violation");
            };
        };
    }

    /** OpenAI's 404 for a model that lives on the other endpoint. */
    static Reply endpointUnsupported(String provider, Endpoint supported) {
        String message = supported == Endpoint.RESPONSES
                ? "This model is only supported in v1/responses and not in v1/chat/completions."
                : "This model is only supported in v1/chat/completions and not in v1/responses.";
        if (FakeProvider.OPENROUTER.equals(provider)) {
            return openRouterBody(404, message, null);
        }
        return openAiBody(404, message, "invalid_request_error", "model", null);
    }

    static Reply missingAuth(String provider) {
        return switch (provider) {
            case FakeProvider.ANTHROPIC -> anthropic(401, "x-api-key header is required");
            case FakeProvider.OPENROUTER -> openRouterBody(401, "No auth credentials found", null);
            default -> openAiBody(401, "You didn't provide an API key. You need to provide your API key in an Authorization "
                    + "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null);
        };
    }

    static Reply anthropicMissingVersion() {
        return anthropic(400, "anthropic-version: header is required");
    }

    static Reply badRequest(String provider, String message) {
        return switch (provider) {
            case FakeProvider.ANTHROPIC -> anthropic(400, message);
            case FakeProvider.OPENROUTER -> openRouterBody(400, message, null);
            default -> openAiBody(400, message, "invalid_request_error", null, null);
        };
    }

    static Reply notFound(String provider, String path) {
        return badRequestLike(provider, 404, "Invalid URL (" + path + ")");
    }

    private static Reply badRequestLike(String provider, int status, String message) {
        return switch (provider == null ? "" : provider) {
            case FakeProvider.ANTHROPIC -> anthropic(status, message);
            case FakeProvider.OPENROUTER -> openRouterBody(status, message, null);
            default -> openAiBody(status, message, "invalid_request_error", null, null);
        };
    }

    // --- OpenAI ---------------------------------------------------------------------------------

    private static Reply openAi(int status, String message, String model, String apiKey) {
        return switch (status) {
            case 400 -> openAiBody(400, orDefault(message, "Invalid value for 'messages': the messages array is malformed."),
                    "invalid_request_error", "messages", null);
            case 401 -> openAiBody(401, orDefault(message, "Incorrect API key provided: " + maskLikeOpenAi(apiKey)
                    + ". You can find your API key at https://platform.openai.com/account/api-keys."),
                    "invalid_request_error", null, "invalid_api_key");
            case 402 -> openAiBody(402, orDefault(message, "You exceeded your current quota, please check your plan and billing details."),
                    "insufficient_quota", null, "insufficient_quota");
            case 403 -> openAiBody(403, orDefault(message, "You are not allowed to sample from this model"),
                    "invalid_request_error", null, null);
            case 404 -> openAiBody(404, orDefault(message, "The model `" + model + "` does not exist or you do not have access to it."),
                    "invalid_request_error", null, "model_not_found");
            case 429 -> openAiBody(429, orDefault(message, "Rate limit reached for " + model + " in organization org-fake on "
                    + "requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s."),
                    "requests", null, "rate_limit_exceeded");
            case 500 -> openAiBody(500, orDefault(message, "The server had an error while processing your request. Sorry about that!"),
                    "server_error", null, null);
            case 502 -> openAiBody(502, orDefault(message, "Bad gateway."), "server_error", null, null);
            case 503 -> openAiBody(503, orDefault(message, "The engine is currently overloaded, please try again later."),
                    "server_error", null, null);
            case 504 -> openAiBody(504, orDefault(message, "Gateway timeout."), "server_error", null, null);
            case 529 -> openAiBody(529, orDefault(message, "Overloaded"), "overloaded_error", null, null);
            default -> openAiBody(status, orDefault(message, "Upstream answered HTTP " + status + "."),
                    status >= 500 ? "server_error" : "invalid_request_error", null, null);
        };
    }

    private static Reply openAiBody(int status, String message, String type, String param, String code) {
        JsonObjectBuilder error = JsonSupport.objectBuilder().add("message", message).add("type", type);
        addOrNull(error, "param", param);
        addOrNull(error, "code", code);
        return new Reply(status, JsonSupport.objectBuilder().add("error", error).build());
    }

    /** OpenAI echoes the start and the last four characters of a wrong key. */
    static String maskLikeOpenAi(String apiKey) {
        if (apiKey == null || apiKey.length() < 8) {
            return "sk-***";
        }
        return apiKey.substring(0, Math.min(8, apiKey.length() - 4)) + "***" + apiKey.substring(apiKey.length() - 4);
    }

    // --- openai-compatible (vLLM) ---------------------------------------------------------------

    private static Reply compatible(int status, String message, String model) {
        if (status == 401) {
            // vLLM started with --api-key answers exactly this
            return new Reply(401, JsonSupport.objectBuilder().add("error", orDefault(message, "Unauthorized")).build());
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
        return new Reply(status, JsonSupport.objectBuilder().add("error", error).build());
    }

    // --- OpenRouter -----------------------------------------------------------------------------

    private static Reply openRouter(int status, String message, String model) {
        return switch (status) {
            case 400 -> openRouterBody(400, orDefault(message, "Bad Request"), null);
            case 401 -> openRouterBody(401, orDefault(message, "User not found."), null);
            case 402 -> openRouterBody(402, orDefault(message, "Insufficient credits. Add more using https://openrouter.ai/credits"), null);
            case 403 -> openRouterBody(403, orDefault(message, "Key is disabled"), null);
            case 404 -> openRouterBody(404, orDefault(message, "No endpoints found for " + model + "."), null);
            case 408 -> openRouterBody(408, orDefault(message, "Timed out"), null);
            case 429 -> openRouterBody(429, orDefault(message, "Provider returned error"), JsonSupport.objectBuilder()
                    .add("raw", model + " is temporarily rate-limited upstream. Please retry shortly, or add your own key to "
                            + "accumulate your rate limits: https://openrouter.ai/settings/integrations")
                    .add("provider_name", "Fake").build());
            case 502 -> openRouterBody(502, orDefault(message, "Provider returned error"), JsonSupport.objectBuilder()
                    .add("raw", "upstream connect error").add("provider_name", "Fake").build());
            case 503 -> openRouterBody(503, orDefault(message, "No allowed providers are available for the selected model."), null);
            default -> openRouterBody(status, orDefault(message, status >= 500 ? "Internal Server Error" : "Bad Request"), null);
        };
    }

    private static Reply openRouterBody(int status, String message, JsonObject metadata) {
        JsonObjectBuilder error = JsonSupport.objectBuilder().add("message", message).add("code", status);
        if (metadata != null) {
            error.add("metadata", metadata);
        }
        return new Reply(status, JsonSupport.objectBuilder().add("error", error).build());
    }

    // --- Anthropic ------------------------------------------------------------------------------

    private static String anthropicMessage(int status, String model) {
        return switch (status) {
            case 400 -> "messages: at least one message is required";
            case 401 -> "invalid x-api-key";
            case 402 -> "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.";
            case 403 -> "Your API key does not have permission to use the specified resource.";
            case 404 -> "model: " + model;
            case 413 -> "Request exceeds the maximum allowed number of bytes.";
            case 429 -> "Number of request tokens has exceeded your per-minute rate limit";
            case 529 -> "Overloaded";
            default -> status >= 500 ? "Internal server error" : "Invalid request";
        };
    }

    private static Reply anthropic(int status, String message) {
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
        return anthropic(status, message, type);
    }

    private static Reply anthropic(int status, String message, String type) {
        return new Reply(status, JsonSupport.objectBuilder()
                .add("type", "error")
                .add("error", JsonSupport.objectBuilder().add("type", type).add("message", message))
                .add("request_id", "req_fake" + Long.toHexString(System.nanoTime()))
                .build());
    }

    private static void addOrNull(JsonObjectBuilder builder, String key, String value) {
        if (value == null) {
            builder.addNull(key);
        } else {
            builder.add(key, value);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
